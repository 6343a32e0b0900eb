import { searchCollections, searchDatabases } from '../../shared/locators/listSearch';
import { searchMiniviews, searchSelections } from '../../shared/locators/selectionLocator';
import { searchDocuments, searchTemplates } from '../../shared/locators/templateSearch';
import {
	getCollectionFieldOptions,
	getCollectionSelectionFields,
	getDatabaseFieldOptions,
	getInterests,
	getSelectionFields,
} from './loadOptions';
import { getCollectionMappingFields, getMappingFields } from './resourceMapping';

export const listSearch = { searchDatabases, searchCollections, searchSelections, searchMiniviews, searchTemplates, searchDocuments };

export const loadOptions = {
	getDatabaseFields: getDatabaseFieldOptions,
	getSelectionFields,
	getInterests,
	getCollectionFields: getCollectionFieldOptions,
	getCollectionSelectionFields,
};

export const resourceMapping = { getMappingFields, getCollectionMappingFields };
