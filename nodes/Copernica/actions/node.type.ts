import type { AllEntities } from 'n8n-workflow';

/** Every resource and its operations; the router and the descriptions agree through this. */
type NodeMap = {
	database: 'createField' | 'createInterest' | 'get' | 'getMany';
	mailing: 'get' | 'getEvents' | 'getMany' | 'getStatistics' | 'schedule' | 'send';
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
	selection: 'getMany' | 'getProfiles' | 'rebuild';
	subprofile: 'create' | 'delete' | 'get' | 'getMany' | 'getReceivedMailings' | 'unsubscribe' | 'update' | 'updateMany';
	template: 'getMany';
};

export type CopernicaType = AllEntities<NodeMap>;
