import { searchDatabases } from './listSearch';
import {
	getCollectionFieldOptions,
	getCollections,
	getCollectionSelectionFields,
	getDatabaseFieldOptions,
	getInterests,
	getSelectionFields,
} from './loadOptions';

export const listSearch = { searchDatabases };

export const loadOptions = {
	getDatabaseFields: getDatabaseFieldOptions,
	getSelectionFields,
	getInterests,
	getCollections,
	getCollectionFields: getCollectionFieldOptions,
	getCollectionSelectionFields,
};
