import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';

/** Profile → Delete through n8n's engine: removed once, re-runs and retries count as done. */
const copernica = useEmulator();

async function idOf(customerid: string): Promise<string> {
	return (await copernica.client.profilesWhere('Customers', 'customerid', customerid))[0].ID;
}

async function deleteProfile(profileId: string) {
	return await runCopernicaNode({
		parameters: { resource: 'profile', operation: 'delete', profileId, options: { retries: 2 } },
		credentials: copernica.credentials,
	});
}

async function isRemoved(profileId: string): Promise<boolean> {
	const profile = (await copernica.client.profiles('Customers')).find((candidate) => candidate.ID === profileId);
	return profile !== undefined && profile.removed !== false;
}

describe('Profile → Delete', () => {
	it('removes the profile and answers {"deleted": true}', async () => {
		const id = await idOf('C-1002');
		const { output, error } = await deleteProfile(id);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([[{ deleted: true }, { item: 0 }]]);
		expect(await isRemoved(id)).toBe(true);
		expect((await copernica.client.log()).map((entry) => [entry.method, entry.path, entry.status])).toEqual([
			['DELETE', `profile/${id}`, 204],
		]);
	});

	it('a profile removed already counts as deleted: a re-run does not fail', async () => {
		const id = await idOf('C-1002');
		await deleteProfile(id);
		const again = await deleteProfile(id);
		expect(again.error).toBeUndefined();
		expect(again.output[0].json).toEqual({ deleted: true });
	});

	it('a connection dropped after Copernica removed the profile: the retry finds it removed, and that is success', async () => {
		const id = await idOf('C-1003');
		await copernica.client.setFaults([{ method: 'DELETE', resetAfterHandling: true, times: 1 }]);
		const { output, error } = await deleteProfile(id);
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ deleted: true });
		expect((await copernica.client.log()).filter((entry) => entry.method === 'DELETE')).toHaveLength(2);
		expect(await isRemoved(id)).toBe(true);
	});

	it('an ID that does not exist is Copernica\'s error, naming the item', async () => {
		const { error } = await deleteProfile('999999');
		expect(error?.message).toBe('Copernica: No entity with supplied ID [item 0]');
	});
});
