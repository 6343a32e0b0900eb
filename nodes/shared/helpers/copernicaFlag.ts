/**
 * A yes/no value as Copernica answers it. Copernica's values come as strings (copernica-api.md
 * §3.1, observed by a client library: "everything is returned as a string"), and its docs do not say how a
 * flag such as a view's `has-children` is written: `"false"` is a non-empty string, true to
 * JavaScript. True only for true, 1, and "true", "1" or "yes" (any case, around spaces); false for
 * anything else, "false", "0", "no", empty and missing included.
 */
export function copernicaFlag(value: unknown): boolean {
	if (value === true || value === 1) return true;
	if (typeof value !== 'string') return false;
	return ['true', '1', 'yes'].includes(value.trim().toLowerCase());
}

/**
 * Whether a flag may mean yes: false only for what plainly says no (false, 0, "false", "0", "no",
 * empty or missing). For decisions where a wrong no is the harm: the nested-view walk follows a
 * view whose `has-children` is anything else (2, "y", a count), so a view by name is never missed
 * and a name two views share is never taken for unique.
 */
export function mayBeCopernicaFlag(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === 0) return false;
	if (typeof value !== 'string') return true;
	return !['', 'false', '0', 'no'].includes(value.trim().toLowerCase());
}
