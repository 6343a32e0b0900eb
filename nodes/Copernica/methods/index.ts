import { searchCollections, searchDatabases } from '../../shared/locators/listSearch';
import {
	getCollectionFieldOptions,
	getCollectionSelectionFields,
	getDatabaseFieldOptions,
	getInterests,
	getSelectionFields,
} from './loadOptions';
import { getCollectionMappingFields, getMappingFields } from './resourceMapping';

export const listSearch = { searchDatabases, searchCollections };

export const loadOptions = {
	getDatabaseFields: getDatabaseFieldOptions,
	getSelectionFields,
	getInterests,
	getCollectionFields: getCollectionFieldOptions,
	getCollectionSelectionFields,
};

export const resourceMapping = { getMappingFields, getCollectionMappingFields };
