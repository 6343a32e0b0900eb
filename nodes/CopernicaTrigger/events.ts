/**
 * The events the trigger offers, and the Copernica webhook `trigger` each registers
 * (copernica-webhooks.md §3.1). Profile and subprofile events share Copernica's create, update
 * and delete triggers; what tells them apart is the collection (set on the webhook, carried by
 * the payload).
 */
export type EventKind = 'profile' | 'subprofile' | 'email';

export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	trigger: 'create' | 'update' | 'delete' | 'delivery' | 'open' | 'click' | 'bounce' | 'failure';
	kind: EventKind;
}

export const EVENTS: TriggerEvent[] = [
	{ value: 'profileCreated', name: 'Profile Created', description: 'A profile is created in the database', trigger: 'create', kind: 'profile' },
	{ value: 'profileUpdated', name: 'Profile Updated', description: 'A profile of the database changes', trigger: 'update', kind: 'profile' },
	{ value: 'profileDeleted', name: 'Profile Deleted', description: 'A profile is removed from the database', trigger: 'delete', kind: 'profile' },
	{ value: 'subprofileCreated', name: 'Subprofile Created', description: 'A subprofile is created in the collection', trigger: 'create', kind: 'subprofile' },
	{ value: 'subprofileUpdated', name: 'Subprofile Updated', description: 'A subprofile of the collection changes', trigger: 'update', kind: 'subprofile' },
	{ value: 'subprofileDeleted', name: 'Subprofile Deleted', description: 'A subprofile is removed from the collection', trigger: 'delete', kind: 'subprofile' },
	{ value: 'emailDelivered', name: 'Email Delivered', description: 'A mailing reached a recipient', trigger: 'delivery', kind: 'email' },
	{ value: 'emailOpened', name: 'Email Opened', description: 'A recipient opened a mailing (an impression)', trigger: 'open', kind: 'email' },
	{ value: 'emailClicked', name: 'Email Clicked', description: 'A recipient clicked a link in a mailing', trigger: 'click', kind: 'email' },
	{ value: 'emailBounced', name: 'Email Bounced', description: 'A mailing bounced', trigger: 'bounce', kind: 'email' },
	{ value: 'emailFailed', name: 'Email Failed', description: 'A mailing could not be delivered (an error)', trigger: 'failure', kind: 'email' },
];

export const DEFAULT_EVENT = 'profileUpdated';

export function eventNamed(value: string): TriggerEvent | undefined {
	return EVENTS.find((event) => event.value === value);
}

export const valuesOfKind = (kind: EventKind): string[] => EVENTS.filter((event) => event.kind === kind).map(({ value }) => value);
