import { searchCollections, searchDatabases } from '../../shared/locators/listSearch';
import { searchSelections } from '../../shared/locators/selectionLocator';
import {
	getCollectionFieldOptions,
	getCollectionSelectionFields,
	getDatabaseFieldOptions,
	getInterests,
	getSelectionFields,
} from './loadOptions';
import { getCollectionMappingFields, getMappingFields } from './resourceMapping';

export const listSearch = { searchDatabases, searchCollections, searchSelections };

export const loadOptions = {
	getDatabaseFields: getDatabaseFieldOptions,
	getSelectionFields,
	getInterests,
	getCollectionFields: getCollectionFieldOptions,
	getCollectionSelectionFields,
};

export const resourceMapping = { getMappingFields, getCollectionMappingFields };
