import type { AllEntities } from 'n8n-workflow';

/** Every resource and its operations; the router and the descriptions agree through this. */
type NodeMap = {
	database: 'get' | 'getMany';
	profile:
		| 'addInterests'
		| 'create'
		| 'delete'
		| 'get'
		| 'getMany'
		| 'getReceivedMailings'
		| 'setInterests'
		| 'unsubscribe'
		| 'update'
		| 'updateProfiles'
		| 'upsert';
	subprofile: 'create' | 'delete' | 'get' | 'getMany' | 'getReceivedMailings' | 'unsubscribe' | 'update' | 'updateMany';
};

export type CopernicaType = AllEntities<NodeMap>;
