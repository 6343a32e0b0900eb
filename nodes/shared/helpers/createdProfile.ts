import type { CopernicaResponse } from '../transport';

function header(response: CopernicaResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The ID of a profile Copernica created: `X-Created`, else the last `/profile/<id>` of
 * `Location` (older API versions answer 303 with it). Undefined when nothing was created.
 */
export function createdProfileId(response: CopernicaResponse): number | undefined {
	return createdIdOf(response, 'profile');
}

/** The ID of what Copernica created (a profile, a field, an interest): `X-Created`, else the `/<segment>/<id>` of `Location`. */
export function createdIdOf(response: CopernicaResponse, segment: string): number | undefined {
	const created = header(response, 'x-created');
	if (created !== undefined && /^\s*\d+\s*$/.test(created)) return Number(created);
	if (response.statusCode === 201 || created !== undefined) {
		const location = header(response, 'location') ?? header(response, 'x-location');
		const id = location ? new RegExp(`/${segment}/(\\d+)`).exec(location)?.[1] : undefined;
		if (id !== undefined) return Number(id);
	}
	return undefined;
}
