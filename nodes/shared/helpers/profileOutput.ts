import type { IDataObject } from 'n8n-workflow';

/**
 * A profile as the node outputs it with Simplify on: one flat object to map from, `ID`, then
 * every field by name, then `interests` (the names of those switched on). The ID and the
 * interests are set after the fields, so a database field of the same name cannot hide them.
 * With Simplify off the node outputs Copernica's own shape (`ID`, `fields`, `interests`,
 * `database`, `secret`, `created`, `modified`, `removed`).
 */
export function simplifyProfile(profile: IDataObject): IDataObject {
	const fields = profile.fields && typeof profile.fields === 'object' ? (profile.fields as IDataObject) : {};
	const flat: IDataObject = { ID: profile.ID, ...fields };
	flat.ID = profile.ID;
	flat.interests = Array.isArray(profile.interests) ? profile.interests : [];
	return flat;
}

/**
 * A subprofile with Simplify on: `ID`, every field by name, then `profile` (the ID of the
 * profile it belongs to), set last for the same reason as above.
 */
export function simplifySubprofile(subprofile: IDataObject): IDataObject {
	const fields =
		subprofile.fields && typeof subprofile.fields === 'object' ? (subprofile.fields as IDataObject) : {};
	const flat: IDataObject = { ID: subprofile.ID, ...fields };
	flat.ID = subprofile.ID;
	flat.profile = subprofile.profile;
	return flat;
}
