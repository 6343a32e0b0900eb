import type { AllEntities } from 'n8n-workflow';

/** Every resource and its operations; the router and the descriptions agree through this. */
type NodeMap = {
	database: 'get' | 'getMany';
	mailing: 'get' | 'getEvents' | 'getMany' | 'getStatistics' | 'schedule' | 'send';
	profile:
		| 'addInterests'
		| 'create'
		| 'delete'
		| 'get'
		| 'getMany'
		| 'setInterests'
		| 'update'
		| 'updateProfiles'
		| 'upsert';
	subprofile: 'create' | 'delete' | 'get' | 'getMany' | 'update' | 'updateMany';
};

export type CopernicaType = AllEntities<NodeMap>;
