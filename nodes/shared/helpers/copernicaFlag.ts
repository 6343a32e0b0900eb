/**
 * A yes/no value as Copernica answers it. Copernica returns its values as strings
 * (copernica-api.md §3.1: "everything is returned as a string"), and its docs do not say how a
 * flag such as a view's `has-children` is written: `"false"` is a non-empty string, true to
 * JavaScript. True only for true, 1, and "true", "1" or "yes" (any case, around spaces); false for
 * anything else, "false", "0", "no", empty and missing included.
 */
export function copernicaFlag(value: unknown): boolean {
	if (value === true || value === 1) return true;
	if (typeof value !== 'string') return false;
	return ['true', '1', 'yes'].includes(value.trim().toLowerCase());
}
