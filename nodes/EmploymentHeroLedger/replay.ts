import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { signBody } from '../EmploymentHeroTrigger/signature';

/**
 * Sends each dead letter (an item of Get Dead Letters) to the trigger again, signed with the
 * webhook credential's secret. Nothing is released here: the trigger's claim takes over failed
 * and lease-expired rows by itself, and answers anything else `duplicate`, so replaying twice
 * runs once.
 */
export async function replayItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const url = String(this.getNodeParameter('webhookUrl', 0)).trim();
	const header = String(this.getNodeParameter('signatureHeader', 0) || 'ms-signature').trim();
	const { secret } = (await this.getCredentials('employmentHeroWebhookApi')) as { secret?: string };
	if (!secret) {
		throw new NodeOperationError(this.getNode(), 'No signing secret in the credential', {
			description: 'Set the Secret of the Employment Hero Webhook credential the trigger uses.',
		});
	}

	const token = webhookIdOf(url);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const { eventId, connectionId, payload } = items[i].json;
		if (typeof eventId !== 'string' || typeof connectionId !== 'string' || !isObject(payload)) {
			throw new NodeOperationError(this.getNode(), 'Item is not a stored delivery', {
				description:
					'Replay takes the items of Get Dead Letters (eventId, connectionId and payload).',
				itemIndex: i,
			});
		}
		if (token !== undefined && connectionId !== token) {
			// Sent here, another trigger's delivery would run in the wrong workflow.
			out.push({
				json: { eventId, skipped: `belongs to the trigger with webhook ID ${connectionId}` },
				pairedItem: { item: i },
			});
			continue;
		}

		const body = Buffer.from(JSON.stringify(payload));
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				body,
				headers: {
					'content-type': 'application/json',
					[header]: signBody(body, secret),
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: false,
			})) as { statusCode: number; body: unknown };
		} catch (error) {
			throw new NodeOperationError(this.getNode(), 'Could not reach the trigger', {
				description: `${(error as Error).message}. Check Trigger URL (the trigger's Production URL) and that its workflow is active; items before this one were sent.`,
				itemIndex: i,
			});
		}
		const answer = parseAnswer(response.body);
		// The trigger reads the id from the payload; another id means it claimed another row.
		const answeredId = typeof answer === 'object' && answer !== null ? answer.eventId : undefined;
		out.push({
			json: {
				eventId,
				statusCode: response.statusCode,
				answer,
				sameDelivery: response.statusCode < 300 && answeredId === eventId,
			},
			pairedItem: { item: i },
		});
	}
	return out;
}

/** The webhook ID in a trigger URL (`…/webhook/<ID>/webhook`), or undefined when not of that form. */
export function webhookIdOf(url: string): string | undefined {
	try {
		const segments = new URL(url).pathname.split('/').filter(Boolean);
		const last = segments.length - 1;
		if (last < 1 || segments[last] !== 'webhook') return undefined;
		return decodeURIComponent(segments[last - 1]);
	} catch {
		return undefined;
	}
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object';
}

function parseAnswer(body: unknown): IDataObject | string | null {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return isObject(text) ? text : null;
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return text;
	}
}
