import { matches, parseCondition, phpDate } from './selection';
import type { Store, StoredCollection, StoredDatabase, StoredProfile, StoredSubprofile } from './store';
import { CopernicaError } from './store';

/**
 * The mailing side of the emulated account (copernica-mailings.md §4.2): templates and
 * documents, selections (views and miniviews), mailings with their destinations and events,
 * and the unsubscribe behaviour of each database and collection. The profiles themselves stay
 * in store.ts; this reads and writes them through it, on its clock.
 */

export interface StoredTemplate {
	ID: number;
	name: string;
	/** `html` or `json` (drag and drop), as `GET ms/templates` filters on (§4.2 "Templates"). */
	type: string;
	subject: string;
	fromName: string;
	fromEmail: string;
	archived: boolean;
	directory: string;
	created: string;
}

export interface StoredPublisherTemplate {
	ID: number;
	name: string;
	description: string;
	created: string;
}

export interface StoredDocument {
	ID: number;
	template: number;
	name: string;
	subject: string;
	fromName: string;
	fromEmail: string;
	created: string;
}

/**
 * A selection: a view of a database's profiles or a miniview of a collection's subprofiles,
 * under its database/collection or another selection. Its rules are ORed, the conditions of
 * one rule ANDed, in the `fields[]` syntax the store already reads (copernica-api.md §2.1).
 * docs silent (copernica-mailings.md §4.2 "Selections" lists `view/{id}/rules` with no shape):
 * Copernica's UI ORs rules and ANDs a rule's conditions; the emulator does the same.
 */
export interface StoredSelection {
	ID: number;
	kind: 'view' | 'miniview';
	name: string;
	description: string;
	/** The database (views) or collection (miniviews) it selects from. */
	table: number;
	/** The selection it refines, if any: its members are then drawn from the parent's last build. */
	parent?: number;
	rules: SelectionRule[];
	/**
	 * Membership as of the last build (§4.2 `POST view/{id}/rebuild` "refreshes the selection"):
	 * a (sub)profile changed since then is in or out of it only after a rebuild, which takes
	 * effect a request later (MailingStore.requestRebuild). docs silent on when Copernica
	 * rebuilds by itself; the worse case: never, until asked.
	 */
	members: number[];
	lastBuilt: string;
}

export interface SelectionRule {
	ID: number;
	name: string;
	conditions: string[];
}

export type TargetType = 'database' | 'collection' | 'view' | 'miniview' | 'profile' | 'subprofile';
export const TARGET_TYPES: readonly TargetType[] = ['database', 'collection', 'view', 'miniview', 'profile', 'subprofile'];

/** Marketing Suite (drag-and-drop templates) or Publisher (HTML documents) (§4.1). */
export type Suite = 'ms' | 'publisher';

export interface StoredMailing {
	ID: number;
	suite: Suite;
	/** The template (ms) or document (publisher) sent. */
	source: number;
	subject: string;
	fromName: string;
	fromEmail: string;
	targetType: TargetType;
	target: number;
	/** `individual` for a profile or subprofile target, `mass` otherwise (§4.2 `type` filter mass/individual). */
	type: 'mass' | 'individual';
	timestamp: string;
	/** `failed`: accepted, but it could not go out (MailingStore.problemOf); no destinations, no events. */
	status: 'sent' | 'scheduled' | 'failed';
	/** Why it failed, in the emulator's words; for the control API only (Copernica's list documents no such field). */
	failure?: string;
	test: boolean;
	description: string;
	destinations: StoredDestination[];
	/** The ID a Marketing Suite send answered with (newId('request')); none for Publisher's or a scheduled one's. */
	request?: number;
}

export interface StoredDestination {
	ID: number;
	mailing: number;
	profile: number;
	subprofile: number | null;
	timestampsent: string;
	/** Where an event's webhook call goes (§3.2 `recipient`): the profile's e-mail field. */
	recipient: string;
}

export interface StoredScheduledMailing {
	ID: number;
	template: number;
	targetType: TargetType;
	target: number;
	start: string;
	rrule: string;
	/** The mailing it became once its start had passed. */
	mailing?: number;
}

export const EVENT_KINDS = ['deliveries', 'impressions', 'clicks', 'errors', 'unsubscribes', 'abuses'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface StoredEvent {
	ID: number;
	kind: EventKind;
	suite: Suite;
	/** None for an unsubscribe through `PUT profile/{id}/unsubscribe`, which no mailing caused. */
	mailing: number | null;
	destination: number | null;
	profile: number;
	subprofile: number | null;
	timestamp: string;
	link?: string;
	source?: string;
}

export interface UnsubscribeBehaviour {
	behavior: 'nothing' | 'remove' | 'update';
	fields: Record<string, unknown>;
}

/** A mailing event as a webhook hears of it (copernica-webhooks.md §3.2), for server.ts to deliver. */
export interface MailingWebhookEvent {
	trigger: string;
	database: number;
	fields: Record<string, string | number | string[]>;
}

/**
 * Which events a recipient gets, from its ID alone, so tests can predict them (the ID is the
 * subprofile's for a collection, miniview or subprofile target, else the profile's):
 * - ID % 7 == 0: an error (a bounce) instead of the delivery, and nothing else;
 * - otherwise a delivery, and ID % 3 == 0 an impression, ID % 5 == 0 a click (ID % 10 == 0 a
 *   second click, on another link: unique clicks then differ from the total), ID % 11 == 0 an
 *   unsubscribe, ID % 13 == 0 an abuse report.
 * Times are the send time plus a fixed offset per kind (EVENT_DELAY_SECONDS).
 */
export function eventsOf(recipientId: number): EventKind[] {
	if (recipientId % 7 === 0) return ['errors'];
	const kinds: EventKind[] = ['deliveries'];
	if (recipientId % 3 === 0) kinds.push('impressions');
	if (recipientId % 5 === 0) kinds.push('clicks');
	if (recipientId % 10 === 0) kinds.push('clicks');
	if (recipientId % 11 === 0) kinds.push('unsubscribes');
	if (recipientId % 13 === 0) kinds.push('abuses');
	return kinds;
}

/** Seconds after the send each kind happens: deliveries and errors a minute later, opens an hour, … */
export const EVENT_DELAY_SECONDS: Record<EventKind, number> = {
	deliveries: 60,
	errors: 60,
	impressions: 3600,
	clicks: 7200,
	unsubscribes: 10800,
	abuses: 14400,
};

/** The webhook trigger of each kind (copernica-webhooks.md §3.1); unsubscribes and abuses have none. */
const WEBHOOK_TRIGGERS: Partial<Record<EventKind, string>> = {
	deliveries: 'delivery',
	impressions: 'open',
	clicks: 'click',
	errors: 'bounce',
};

export const LINKS = ['https://example.com/offer', 'https://example.com/shop'];

function msOf(stamp: string): number {
	return Date.parse(`${stamp.replace(' ', 'T')}Z`);
}

function stampOf(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** A recipient as a send resolves it. */
interface Recipient {
	profile: StoredProfile;
	subprofile?: StoredSubprofile;
}

/**
 * The kinds with an ID sequence of their own. Mailings share one across both suites (the control
 * API finds a mailing by its ID alone); destinations are per suite and events per kind, as their
 * paths are (`ms/destination/{id}`, `publisher/destination/{id}`, `ms/{event}`).
 */
export type IdKind =
	| 'template'
	| 'publisherTemplate'
	| 'document'
	| 'view'
	| 'miniview'
	| 'rule'
	| 'mailing'
	| 'request'
	| 'scheduled'
	| `destination:${Suite}`
	| `event:${EventKind}`;

const SEQUENCE_START = 1000;

/** A rebuild is done after this many API answers: the rebuild's own and the next request's (MailingStore.requestRebuild). */
export const REBUILD_DELAY_ANSWERS = 2;

/**
 * A `POST ms/emailing` answers "the id of created request" (copernica-mailings.md §4.2), not the
 * mailing's. docs silent on how the two relate; the worse case: never the mailing's own ID, yet
 * another mailing's, so a client that reads it as a mailing ID gets an answer, about the wrong
 * mailing. Requests count from 1000 and mailings from 1001: the request of a send has the ID of
 * the mailing sent before it.
 */
const SEQUENCE_STARTS: Partial<Record<IdKind, number>> = { mailing: SEQUENCE_START + 1 };

export class MailingStore {
	readonly templates: StoredTemplate[] = [];
	readonly publisherTemplates: StoredPublisherTemplate[] = [];
	readonly documents: StoredDocument[] = [];
	readonly selections: StoredSelection[] = [];
	readonly mailings: StoredMailing[] = [];
	readonly scheduled: StoredScheduledMailing[] = [];
	readonly events: StoredEvent[] = [];
	/**
	 * By kind and ID (`database:1000`, `collection:1000`): a database and a collection can share an
	 * ID (store.ts newId). docs silent on the default: `nothing`.
	 */
	private readonly behaviours = new Map<string, UnsubscribeBehaviour>();
	/**
	 * The account's configured sender domains: "the sender domain must be configured" before a
	 * send (§4.2 `rest-post-ms-emailing`). A from address must be on one exactly (docs silent on
	 * subdomains: the worse case, `news.example.com` is not `example.com`). The control API's
	 * `PUT mailings/senderdomains` changes them until the next reset.
	 */
	senderDomains: string[] = ['example.com'];
	private webhookEvents: MailingWebhookEvent[] = [];
	/** Rebuilds asked for and not done yet, each with the API answers still to go out before it is (requestRebuild). */
	private readonly pendingBuilds = new Map<StoredSelection, number>();
	/** The next ID of each kind; see newId. */
	private readonly sequences = new Map<IdKind, number>();

	constructor(readonly store: Store) {}

	/**
	 * The next ID of one kind. Each kind has its own sequence, as each is its own table in
	 * Copernica, and each starts at 1000 as the store's do (store.ts): a view's ID can equal a
	 * database's, a template's or a mailing's. docs silent on how IDs are handed out; the worse
	 * case for a client is that the IDs of different kinds collide, so one read as the other
	 * (a view's ID sent as a database) names a real entity instead of failing.
	 */
	newId(kind: IdKind): number {
		const id = this.sequences.get(kind) ?? SEQUENCE_STARTS[kind] ?? SEQUENCE_START;
		this.sequences.set(kind, id + 1);
		return id;
	}

	/** The webhook calls of the events since the last call. */
	takeWebhookEvents(): MailingWebhookEvent[] {
		return this.webhookEvents.splice(0);
	}

	template(id: number): StoredTemplate {
		const found = this.templates.find((template) => template.ID === id);
		if (!found) throw new CopernicaError('No template with supplied ID');
		return found;
	}

	publisherTemplate(id: number): StoredPublisherTemplate {
		const found = this.publisherTemplates.find((template) => template.ID === id);
		if (!found) throw new CopernicaError('No template with supplied ID');
		return found;
	}

	document(id: number): StoredDocument {
		const found = this.documents.find((document) => document.ID === id);
		if (!found) throw new CopernicaError('No document with supplied ID');
		return found;
	}

	selection(kind: StoredSelection['kind'], id: string): StoredSelection {
		const found = /^\d+$/.test(id) ? this.selections.find((selection) => selection.kind === kind && selection.ID === Number(id)) : undefined;
		if (!found) throw new CopernicaError(`No ${kind} with supplied ID`);
		return found;
	}

	mailing(suite: Suite, id: string): StoredMailing {
		const found = /^\d+$/.test(id) ? this.mailings.find((mailing) => mailing.suite === suite && mailing.ID === Number(id)) : undefined;
		if (!found) throw new CopernicaError('No emailing with supplied ID');
		return found;
	}

	addSelection(kind: StoredSelection['kind'], table: number, name: string, rules: string[][], parent?: StoredSelection, description = ''): StoredSelection {
		const selection: StoredSelection = {
			ID: this.newId(kind),
			kind,
			name,
			description,
			table,
			parent: parent?.ID,
			rules: rules.map((conditions, index) => ({ ID: this.newId('rule'), name: `Rule ${index + 1}`, conditions })),
			members: [],
			lastBuilt: '',
		};
		this.selections.push(selection);
		this.build(selection);
		return selection;
	}

	children(selection: StoredSelection): StoredSelection[] {
		// Of its own kind: a view and a miniview can share an ID (newId).
		return this.selections.filter((candidate) => candidate.kind === selection.kind && candidate.parent === selection.ID);
	}

	/**
	 * Recomputes the membership now: the live (sub)profiles of its table (of its parent's last
	 * build, for a nested one) meeting any rule. A selection without rules holds every one of
	 * them. docs silent; the worse case, as a PUT whose conditions all drop updates everything
	 * (copernica-api.md §2.3): a mailing to a rule-less view goes to the whole database.
	 */
	build(selection: StoredSelection): void {
		const candidates = this.candidates(selection);
		const parent = selection.parent === undefined ? undefined : this.selections.find((candidate) => candidate.kind === selection.kind && candidate.ID === selection.parent);
		const allowed = parent ? new Set(parent.members) : undefined;
		const chosen = new Set<number>();
		const rules = selection.rules.length === 0 ? [[]] : selection.rules.map((rule) => rule.conditions);
		for (const conditions of rules) for (const entity of candidates(conditions)) chosen.add(entity);
		selection.members = [...chosen].filter((id) => allowed === undefined || allowed.has(id)).sort((a, b) => a - b);
		selection.lastBuilt = this.store.now();
	}

	/**
	 * `POST view/{id}/rebuild` "refreshes the selection, useful before a mailing" (§4.2); docs
	 * silent on when. The worse case for a client: in the background, done only once the answer
	 * to the request after the rebuild has gone out (REBUILD_DELAY_ANSWERS), so one that rebuilds
	 * and reads in the same breath sees the old members and last build. Asked again before it is
	 * done, it waits from the latest ask.
	 */
	requestRebuild(selection: StoredSelection): void {
		this.pendingBuilds.set(selection, REBUILD_DELAY_ANSWERS);
	}

	/** An API request has been answered (server.ts, any request): the rebuilds whose turn it was are done. */
	requestAnswered(): void {
		for (const [selection, answersLeft] of this.pendingBuilds) {
			if (answersLeft > 1) {
				this.pendingBuilds.set(selection, answersLeft - 1);
				continue;
			}
			this.pendingBuilds.delete(selection);
			this.build(selection);
		}
	}

	private candidates(selection: StoredSelection): (conditions: string[]) => number[] {
		const { store } = this;
		if (selection.kind === 'view') {
			const database = store.database(String(selection.table));
			return (conditions) => store.select(database, conditions).map((profile) => profile.ID);
		}
		const collection = store.collection(String(selection.table));
		return (conditions) => store.selectSubprofiles(collection, conditions).map((subprofile) => subprofile.ID);
	}

	/** The built members that are still live, as (sub)profiles. */
	liveMembers(selection: StoredSelection): Array<StoredProfile | StoredSubprofile> {
		const table = selection.kind === 'view' ? this.store.profiles : this.store.subprofiles;
		return selection.members.map((id) => table.get(id)).filter((entity) => entity !== undefined && entity.removed === null) as Array<
			StoredProfile | StoredSubprofile
		>;
	}

	/** The (sub)profiles a mailing to this target goes to, resolved now (§4.2 `targettype`). */
	private recipients(targetType: TargetType, target: number): Recipient[] {
		const { store } = this;
		const id = String(target);
		const ofSubprofile = (subprofile: StoredSubprofile): Recipient => ({ profile: store.profiles.get(subprofile.profile)!, subprofile });
		switch (targetType) {
			case 'database':
				return store.select(store.database(id), []).map((profile) => ({ profile }));
			case 'collection':
				return store.selectSubprofiles(store.collection(id), []).map(ofSubprofile);
			case 'view':
				return this.liveMembers(this.selection('view', id)).map((profile) => ({ profile: profile as StoredProfile }));
			case 'miniview':
				return this.liveMembers(this.selection('miniview', id)).map((subprofile) => ofSubprofile(subprofile as StoredSubprofile));
			case 'profile': {
				// docs silent on a removed target: the worse case, a success that sends nothing.
				const profile = store.profile(id);
				return profile.removed === null ? [{ profile }] : [];
			}
			case 'subprofile': {
				const subprofile = store.subprofile(id);
				return subprofile.removed === null ? [ofSubprofile(subprofile)] : [];
			}
		}
	}

	/** Checks the target exists (for a scheduled mailing, which resolves its recipients only at its start). */
	checkTarget(targetType: TargetType, target: number): void {
		this.recipients(targetType, target);
	}

	/**
	 * A mailing sent now: one destination per recipient, each with the events of eventsOf(); or,
	 * when it cannot go out (problemOf), a failed one with neither. The target must exist either way.
	 */
	send(mailing: Omit<StoredMailing, 'ID' | 'timestamp' | 'destinations' | 'status' | 'type' | 'failure'>): StoredMailing {
		const recipients = this.recipients(mailing.targetType, mailing.target);
		const failure = this.problemOf(mailing);
		const sent: StoredMailing = {
			...mailing,
			ID: this.newId('mailing'),
			type: mailing.targetType === 'profile' || mailing.targetType === 'subprofile' ? 'individual' : 'mass',
			timestamp: this.store.now(),
			status: failure === undefined ? 'sent' : 'failed',
			...(failure === undefined ? {} : { failure }),
			destinations: [],
		};
		this.mailings.push(sent);
		if (failure !== undefined) return sent;
		const unsubscribed: Recipient[] = [];
		for (const recipient of recipients) {
			const destination: StoredDestination = {
				ID: this.newId(`destination:${sent.suite}`),
				mailing: sent.ID,
				profile: recipient.profile.ID,
				subprofile: recipient.subprofile?.ID ?? null,
				timestampsent: sent.timestamp,
				recipient: this.emailOf(recipient.profile),
			};
			sent.destinations.push(destination);
			const kinds = eventsOf(recipient.subprofile?.ID ?? recipient.profile.ID);
			let clicks = 0;
			for (const kind of kinds) {
				const event = this.record(kind, sent.suite, destination, stampOf(msOf(sent.timestamp) + EVENT_DELAY_SECONDS[kind] * 1000));
				if (kind === 'clicks') event.link = LINKS[clicks++];
				if (kind === 'unsubscribes') event.source = 'link';
			}
			if (kinds.includes('unsubscribes')) unsubscribed.push(recipient);
		}
		// An unsubscribe through the mailing's link runs the behaviour, as PUT profile/{id}/unsubscribe does (§4.2 "Unsubscribes").
		for (const recipient of unsubscribed) this.runBehaviour(recipient.subprofile ?? recipient.profile, false);
		return sent;
	}

	/** A Marketing Suite mailing of this template, sent now; `request` the ID the send answered with, if any. */
	sendTemplate(template: StoredTemplate, target: { targetType: TargetType; target: number }, request?: number): StoredMailing {
		const { subject, fromName, fromEmail } = template;
		return this.send({ suite: 'ms', source: template.ID, subject, fromName, fromEmail, test: false, description: '', targetType: target.targetType, target: target.target, request });
	}

	/** A scheduled mailing sent now: its start has passed, or the control API says so. */
	sendScheduled(scheduled: StoredScheduledMailing): StoredMailing {
		const mailing = this.sendTemplate(this.template(scheduled.template), scheduled);
		scheduled.mailing = mailing.ID;
		return mailing;
	}

	/**
	 * Why a mailing cannot go out, or undefined: "The template needs a subject and from address,
	 * and the sender domain must be configured" (§4.2 `rest-post-ms-emailing`; docs silent for
	 * Publisher, the worse case: the same). The docs do not say the POST is refused. The worse
	 * case for a client: the POST succeeds (201, an ID) and the mailing fails, with no destinations
	 * and no events, and `GET ms/emailings` leaves it out unless asked with status=failed or all
	 * (its default is sent, §4.2). The texts are the emulator's own (docs silent).
	 */
	private problemOf(mailing: { subject: string; fromEmail: string }): string | undefined {
		if (mailing.subject.trim() === '') return 'Template has no subject';
		if (mailing.fromEmail.trim() === '') return 'Template has no from address';
		const domain = mailing.fromEmail.slice(mailing.fromEmail.lastIndexOf('@') + 1).trim().toLowerCase();
		if (!this.senderDomains.some((configured) => configured.toLowerCase() === domain)) return 'Sender domain is not configured';
		return undefined;
	}

	/** A mailing whose start has not come yet: listed, with no destinations until it is sent. */
	schedule(scheduled: Omit<StoredScheduledMailing, 'ID'>): StoredScheduledMailing {
		const stored = { ID: this.newId('scheduled'), ...scheduled };
		this.scheduled.push(stored);
		return stored;
	}

	/** Whether `start` (`YYYY-MM-DD HH:MM:SS`) has passed on the store's clock. Unreadable is the zero date: passed. */
	isPast(start: string): boolean {
		const now = this.store.now();
		return phpDate(start, true) <= now;
	}

	private emailOf(profile: StoredProfile): string {
		const database = this.store.databases.find((candidate) => candidate.ID === profile.database);
		const field = database?.fields.find((candidate) => candidate.type === 'email');
		return field ? (profile.fields[field.name] ?? '') : '';
	}

	private record(kind: EventKind, suite: Suite, destination: StoredDestination | undefined, timestamp: string, entity?: StoredProfile | StoredSubprofile): StoredEvent {
		const profile = destination?.profile ?? (entity && 'profile' in entity ? entity.profile : entity!.ID);
		const subprofile = destination ? destination.subprofile : entity && 'profile' in entity ? entity.ID : null;
		const event: StoredEvent = {
			ID: this.newId(`event:${kind}`),
			kind,
			suite,
			mailing: destination?.mailing ?? null,
			destination: destination?.ID ?? null,
			profile,
			subprofile,
			timestamp,
		};
		this.events.push(event);
		const trigger = WEBHOOK_TRIGGERS[kind];
		const database = this.store.profiles.get(profile)?.database;
		if (trigger && destination && database !== undefined) {
			const atMs = msOf(timestamp);
			this.webhookEvents.push({
				trigger,
				database,
				fields: { id: String(destination.ID), timestamp, time: Math.floor(atMs / 1000), recipient: destination.recipient, tags: [] },
			});
		}
		return event;
	}

	behaviour(table: StoredDatabase | StoredCollection): UnsubscribeBehaviour {
		return this.behaviours.get(behaviourKey(table)) ?? { behavior: 'nothing', fields: {} };
	}

	setBehaviour(table: StoredDatabase | StoredCollection, behaviour: UnsubscribeBehaviour): void {
		this.behaviours.set(behaviourKey(table), behaviour);
	}

	/**
	 * An unsubscribe: the behaviour of the (sub)profile's database or collection (§4.2
	 * "Unsubscribes": remove, update with the stored fields, or nothing), and, when `recorded`,
	 * an unsubscribe event without a mailing (`source` `rest`; docs silent on what the event of a
	 * REST unsubscribe looks like). A removed one: docs silent; a silent success that does nothing.
	 */
	runBehaviour(entity: StoredProfile | StoredSubprofile, recorded = true): void {
		if (entity.removed !== null) return;
		const { store } = this;
		const isSubprofile = 'collection' in entity;
		const table = isSubprofile ? store.collection(String(entity.collection)) : store.database(String(entity.database));
		const { behavior, fields } = this.behaviour(table);
		if (recorded) this.record('unsubscribes', 'ms', undefined, store.now(), entity).source = 'rest';
		if (behavior === 'remove') {
			if (isSubprofile) store.removeSubprofile(entity);
			else store.removeProfile(entity);
		} else if (behavior === 'update') {
			if (isSubprofile) store.updateSubprofile(entity, fields);
			else store.updateProfile(entity, fields, undefined);
		}
	}
}

/** The key of a table's unsubscribe behaviour: its kind and its ID, as the two kinds' IDs can be equal. */
function behaviourKey(table: StoredDatabase | StoredCollection): string {
	return `${'collections' in table ? 'database' : 'collection'}:${table.ID}`;
}

/** Events in a `begintime`…`endtime` window, both ends included; see routes/mailingEvents.ts. */
export function inWindow(event: { timestamp: string }, begin: string | undefined, end: string | undefined): boolean {
	if (begin !== undefined && event.timestamp < phpDate(begin, true)) return false;
	if (end !== undefined && event.timestamp > phpDate(end, true)) return false;
	return true;
}

/** A `fields[]` condition on a destination's `timestampsent` (§4.2 `ms/emailing/$id/destinations`); other fields are dropped. */
export function destinationMatches(destination: StoredDestination, raw: string[]): boolean {
	return raw.every((text) => {
		const condition = parseCondition(text);
		if (!condition || condition.field.toLowerCase() !== 'timestampsent') return true;
		return matches(destination.timestampsent, condition, 'datetime');
	});
}

/** What a new account holds besides its profiles: templates, documents and, on the sample data, selections. */
export function seedMailings(store: Store): MailingStore {
	const mailings = new MailingStore(store);
	const created = '2025-12-01 09:00:00';
	const template = (name: string, type: string, subject: string, fromEmail: string, directory: string) =>
		mailings.templates.push({ ID: mailings.newId('template'), name, type, subject, fromName: fromEmail === '' ? '' : 'Web shop', fromEmail, archived: false, directory, created });
	template('Welcome', 'html', 'Welcome to the shop', 'shop@example.com', 'Onboarding');
	template('Spring sale', 'json', 'Spring sale: 20% off', 'shop@example.com', 'Campaigns');
	// Needs a subject and a from address before it can be sent (§4.2 `rest-post-ms-emailing`).
	template('Draft', 'json', '', '', 'Campaigns');
	const layout: StoredPublisherTemplate = { ID: mailings.newId('publisherTemplate'), name: 'Newsletter layout', description: 'Monthly newsletter', created };
	mailings.publisherTemplates.push(layout);
	const document = (name: string, subject: string) =>
		mailings.documents.push({ ID: mailings.newId('document'), template: layout.ID, name, subject, fromName: 'Web shop', fromEmail: 'news@example.com', created });
	document('Newsletter January', 'News for January');
	document('Newsletter February', 'News for February');
	const customers = store.databases.find((database) => database.name === 'Customers');
	if (customers) {
		const amsterdam = mailings.addSelection('view', customers.ID, 'Amsterdam', [['city==Amsterdam']], undefined, 'Customers in Amsterdam');
		mailings.addSelection('view', customers.ID, 'Amsterdam over 40', [['age>40']], amsterdam);
		mailings.addSelection('view', customers.ID, 'Gold or 50+', [['segment==gold'], ['age>=50']]);
		const orders = customers.collections.find((collection) => collection.name === 'Orders');
		if (orders) mailings.addSelection('miniview', orders.ID, 'Open orders', [['status==open']]);
	}
	return mailings;
}
