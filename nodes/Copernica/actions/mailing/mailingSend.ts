import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { copernicaRequest } from '../../../shared/transport';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import { sharedPromise } from '../../../shared/transport/sharedPromise';
import type { MailingSuite } from '../../../shared/transport/mailingPaths';
import { forEachItem } from '../../itemRunner/perItem';
import { requestSettingsOf } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { requiredId, suitePath } from './mailingCommon';
import type { ResolvedTarget } from './mailingTarget';
import { createdIdOf, createRepeatGuard, createTargetResolver, sourceOf } from './mailingTarget';

/** What one item of Send or Schedule sends, besides the target. */
export interface SendSpec {
	suite: MailingSuite;
	/** `emailing` or `scheduledemailing`, below the suite's prefix. */
	endpoint: 'emailing' | 'scheduledemailing';
	/** The template's (or document's) ID. */
	source: string;
	/** Everything of the body but the target: `settings`, `start`, `rrule`. */
	extra: IDataObject;
	/**
	 * The output's name for the ID Copernica answers with: `requestId` for a Marketing Suite send
	 * (its docs: "the id of created request", which need not be the mailing's), `mailingId` for
	 * Publisher ("the created ID"), `scheduledMailingId` for Schedule.
	 */
	createdAs: string;
}

type SpecOf = (itemIndex: number) => Omit<SendSpec, 'source'> & { sourceParameter: 'template' | 'document' };

interface SendOptions extends RequestOptionValues {
	previewOnly?: boolean;
	allowRepeats?: boolean;
}

function bodyOf(spec: SendSpec, target: ResolvedTarget): IDataObject {
	const source = spec.suite === 'publisher' ? 'document' : 'template';
	return { [source]: Number(spec.source), target: Number(target.target), targettype: target.targetType, ...spec.extra };
}

/**
 * Send and Schedule: per item, the target resolved and counted (mailingTarget.ts), then a
 * preview, a repeat within the run, or the one POST. The POST is never retried once it may have
 * reached Copernica (mayCreate): a second try could send the mailing twice. Items go one at a
 * time, so that the first of two repeated items has sent before the second asks.
 */
/**
 * A switch of Options as a real boolean: from an expression "true" would be a string, and a dry
 * run that reads it as false would mail the target. Anything but true, false or unset is refused.
 */
function switchOf(options: SendOptions, name: 'previewOnly' | 'allowRepeats', displayName: string): boolean {
	const value = options[name];
	if (value === undefined || typeof value === 'boolean') return value === true;
	throw new ParameterProblem(
		`${displayName} must be true or false, not ${JSON.stringify(value)}; nothing was sent`,
		`Set ${displayName} with the switch, or make its expression give a boolean ({{ $json.dryRun === 'true' }}).`,
	);
}

/**
 * The template's (document's) ID: from the list or By ID, or a plain ID (an expression). A locator
 * value in another mode (By Name, from a copied node or hand-written JSON) is refused: n8n would
 * hand over its value as if it were an ID, and a template named "1000" is not template 1000.
 */
function sourceIdOf(given: unknown, sourceParameter: 'template' | 'document'): string {
	const displayName = sourceParameter === 'template' ? 'Template' : 'Document';
	if (given === null || typeof given !== 'object') return requiredId(given, displayName);
	const { mode, value } = given as { mode?: unknown; value?: unknown };
	if (mode !== 'list' && mode !== 'id') {
		throw new ParameterProblem(
			`${displayName} must be chosen From List or By ID, not ${JSON.stringify(mode ?? null)}; nothing was sent`,
			`Pick the ${sourceParameter} from the list or give its ID: Copernica's ${sourceParameter} names need not be unique.`,
		);
	}
	return requiredId(value, displayName);
}

/**
 * The template (document) of each send, read once per run. A Marketing Suite template without a
 * subject or a from address is refused before anything is sent: "the template needs a
 * subject and from address" (copernica-mailings.md §4.2 `rest-post-ms-emailing`), and the docs do
 * not say Copernica refuses the POST. It may accept it and fail the mailing, and the item would
 * say sent. (Whether the sender domain is configured is not checked: no call to read it is documented.)
 */
function createSourceReader(context: IExecuteFunctions) {
	const cache = new Map<string, Promise<IDataObject>>();
	return async (suite: MailingSuite, id: string, settings: RequestSettings): Promise<IDataObject> => {
		const details = await sharedPromise(cache, `${suite} ${id}`, async () => await sourceOf(context, suite, id, settings));
		if (suite === 'marketingSuite') {
			const fromAddress = (details.from_address ?? {}) as IDataObject;
			const missing = [
				typeof details.subject === 'string' && details.subject.trim() !== '' ? undefined : 'subject',
				typeof fromAddress.email === 'string' && fromAddress.email.trim() !== '' ? undefined : 'from address',
			].filter((part) => part !== undefined);
			if (missing.length > 0) {
				throw new ParameterProblem(
					`The template ${id} has no ${missing.join(' and no ')}; Copernica would not send it, and nothing was sent`,
					'Give the template a subject and a from address in Copernica (on a configured sender domain), or choose another template.',
				);
			}
		}
		return details;
	};
}

export async function sendMailings(this: IExecuteFunctions, specOf: SpecOf): Promise<INodeExecutionData[]> {
	// n8n's Retry On Fail runs the node again from the first item: every mailing already sent would go out again.
	if (this.getNode().retryOnFail === true) {
		throw new NodeOperationError(this.getNode(), 'Retry On Fail would send the mailings again; nothing was sent', {
			description:
				'Turn off Settings → Retry On Fail for Mailing → Send and Schedule. After a failure, check Mailing → Get Many for what went out before you run the items again.',
		});
	}
	const resolveTarget = createTargetResolver(this);
	const sourceDetails = createSourceReader(this);
	const repeats = createRepeatGuard();
	const sent = new Map<number, string | null>();
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const { sourceParameter, ...rest } = specOf(itemIndex);
		const spec: SendSpec = { ...rest, source: sourceIdOf(this.getNodeParameter(sourceParameter, itemIndex, '', { extractValue: false }), sourceParameter) };
		const options = this.getNodeParameter('options', itemIndex, {}) as SendOptions;
		const previewOnly = switchOf(options, 'previewOnly', 'Preview Only');
		const allowRepeats = switchOf(options, 'allowRepeats', 'Allow Repeats');
		const settings = requestSettingsOf(options, itemIndex, limiter);
		// The target first: its parameter checks come before any request.
		const target = await resolveTarget(itemIndex, settings);
		const details = await sourceDetails(spec.suite, spec.source, settings);
		const body = bodyOf(spec, target);
		const what = { mailingType: spec.suite, [sourceParameter]: spec.source, targetType: target.targetType, target: target.target, recipients: target.recipients };
		if (previewOnly) {
			return { preview: true, sent: false, ...what, [`${sourceParameter}Details`]: details, wouldSend: body };
		}
		if (!allowRepeats) {
			// The same template to the same target is a repeat, whatever its start or settings: it would reach the same people.
			const earlier = repeats.claim(JSON.stringify([spec.suite, spec.source, target.targetType, target.target]), itemIndex);
			if (earlier !== undefined) {
				return { sent: false, repeatOf: earlier, [spec.createdAs]: sent.get(earlier) ?? null, ...what, reason: `Item ${earlier} of this run sent (or tried to send) the same mailing to the same target; turn on Options → Allow Repeats to send it again` };
			}
		}
		const response = await copernicaRequest.call(this, {
			...settings,
			method: 'POST',
			path: await suitePath(this, spec.suite, spec.endpoint),
			body,
			mayCreate: true,
			action: `sending ${sourceParameter} ${spec.source} to ${target.targetType} ${target.target}`,
		});
		const created = createdIdOf(response);
		sent.set(itemIndex, created);
		return { sent: true, [spec.createdAs]: created, ...what, ...spec.extra, statusCode: response.statusCode };
	});
}
