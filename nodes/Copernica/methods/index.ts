import { searchDatabases } from './listSearch';
import {
	getCollectionFieldOptions,
	getCollections,
	getCollectionSelectionFields,
	getDatabaseFieldOptions,
	getInterests,
	getSelectionFields,
} from './loadOptions';
import { getCollectionMappingFields, getMappingFields } from './resourceMapping';

export const listSearch = { searchDatabases };

export const loadOptions = {
	getDatabaseFields: getDatabaseFieldOptions,
	getSelectionFields,
	getInterests,
	getCollections,
	getCollectionFields: getCollectionFieldOptions,
	getCollectionSelectionFields,
};

export const resourceMapping = { getMappingFields, getCollectionMappingFields };
