import { searchDatabases } from './listSearch';
import { getDatabaseFieldOptions, getInterests, getSelectionFields } from './loadOptions';

export const listSearch = { searchDatabases };

export const loadOptions = {
	getDatabaseFields: getDatabaseFieldOptions,
	getSelectionFields,
	getInterests,
};
