import { randomUUID } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { acknowledge, refuse } from './answers';
import { StoreUnavailableError, type DeliveryRecord } from './dedupe/DedupeStore';
import { createDedupeStore } from './dedupe/createDedupeStore';
import { createDeleteMatcher, createEventFilter } from './events';
import { toItem } from './items';
import { readOptions } from './options';
import { PayloadError, parseJsonBody, readDelivery } from './payload';
import { declaredLength, readRawBody, type WebhookRequest } from './rawBody';
import { registeredSecrets } from './registration/secrets';
import { respondAfterRun, type Claimed } from './respondAfterRun';
import { verifySignature } from './signature';
import { RESPOND_AFTER_SUCCESS, RESPOND_ON_RECEIVED } from './description';

interface WebhookSecrets {
	secret?: string;
	previousSecret?: string;
}

/**
 * One delivery, in the order that keeps rejections cheap and traceless: size, signature, parse,
 * subscription, claim. Only a claimed delivery starts the workflow. Never throws: an unexpected
 * failure is logged and answered 503 so that the sender retries.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = this.getResponseObject();
	const node = this.getNode();
	const where = { workflowId: this.getWorkflow().id, node: node.name };

	try {
		const options = readOptions(this.getNodeParameter('options', {}) as IDataObject);
		const req = this.getRequestObject() as unknown as WebhookRequest;

		const declared = declaredLength(req.headers);
		if (declared !== undefined && declared > options.maxBodyBytes) {
			this.logger.warn('Employment Hero delivery rejected: payload too large', { ...where, declared });
			return refuse(res, 413, 'payload too large');
		}
		const body = await readRawBody(req);
		if (body === undefined) {
			this.logger.warn('Employment Hero delivery rejected: body bytes unavailable to verify', where);
			return refuse(res, 401, 'invalid signature');
		}
		if (body.length > options.maxBodyBytes) {
			this.logger.warn('Employment Hero delivery rejected: payload too large', {
				...where,
				bytes: body.length,
			});
			return refuse(res, 413, 'payload too large');
		}

		const registered = registeredSecrets(this);
		const secrets = registered ?? (await readSecrets(this));
		const signature = req.headers[options.signatureHeader];
		if (!verifySignature({ body, signature, secrets: [secrets.secret, secrets.previousSecret] })) {
			const reason = !secrets.secret
				? registered
					? 'no Payroll registration secret stored yet'
					: 'no signing secret in the credential'
				: signature === undefined
					? `no ${options.signatureHeader} header`
					: 'signature does not match';
			this.logger.warn('Employment Hero delivery rejected: invalid signature', { ...where, reason });
			return refuse(res, 401, 'invalid signature');
		}
		const receivedAt = new Date();

		let parsed;
		let delivery;
		try {
			parsed = parseJsonBody(body);
			delivery = readDelivery(parsed, options.paths);
		} catch (error) {
			if (!(error instanceof PayloadError)) throw error;
			this.logger.warn('Employment Hero delivery rejected: unreadable payload', {
				...where,
				reason: error.message,
			});
			return refuse(res, 400, error.message);
		}
		const { eventId } = delivery;

		const subscribed = createEventFilter(this.getNodeParameter('events', ['*']));
		const entities = delivery.entities.filter((entity) => subscribed(entity.eventType));
		if (entities.length === 0) {
			const types = [...new Set(delivery.entities.map((entity) => entity.eventType))];
			const reason =
				delivery.entities.length === 0
					? 'delivery has no entities'
					: `event type ${types.map(quoteShort).join(', ')} is not subscribed`;
			this.logger.warn('Employment Hero delivery ignored', { ...where, eventId, reason });
			return acknowledge(res, { status: 'ignored', eventId, reason });
		}

		const afterSuccess =
			this.getNodeParameter('responseMode', RESPOND_ON_RECEIVED) === RESPOND_AFTER_SUCCESS;
		let claimed: Claimed | undefined;
		if (this.getMode() !== 'manual') {
			const store = await createDedupeStore(this, options);
			const record: DeliveryRecord = {
				connectionId: node.webhookId ?? node.id,
				eventId,
				eventType: entities[0].eventType,
				entityCount: entities.length,
				attempt: delivery.attempt,
				receivedAt,
				payload: parsed,
				claimToken: randomUUID(),
			};
			// Only a sender waiting for the outcome needs a running copy told from a duplicate.
			const claim = await store.claim(record, { tellRunning: afterSuccess });
			if (claim === 'running') {
				// The sender is owed the run's outcome, which is not known yet: it should ask again.
				this.logger.debug('Employment Hero delivery still running', { ...where, eventId });
				return refuse(res, 503, 'an earlier copy of this delivery is still running');
			}
			if (claim !== 'claimed') {
				this.logger.debug('Employment Hero delivery already seen', { ...where, eventId });
				return acknowledge(res, { status: 'duplicate', eventId });
			}
			claimed = { store, record };
		}

		const isDelete = createDeleteMatcher(options.deleteEvents);
		const items = entities.map((entity) => ({
			json: toItem(delivery, entity, { receivedAt, isDelete }),
		}));
		this.logger.debug('Employment Hero delivery accepted', {
			...where,
			eventId,
			eventType: entities[0].eventType,
			items: items.length,
		});
		if (!afterSuccess) {
			return acknowledge(res, { status: 'accepted', eventId, items: items.length }, [items]);
		}

		return respondAfterRun(this, items, eventId, claimed);
	} catch (error) {
		if (error instanceof StoreUnavailableError) {
			this.logger.warn('Employment Hero delivery deferred: dedupe store unavailable', {
				...where,
				error: error.message,
			});
			return refuse(res, 503, 'dedupe store unavailable');
		}
		this.logger.error('Employment Hero delivery failed unexpectedly', {
			...where,
			error: (error as Error).message,
		});
		return refuse(res, 503, 'temporarily unable to process the delivery');
	}
}

async function readSecrets(context: IWebhookFunctions): Promise<WebhookSecrets> {
	try {
		return (await context.getCredentials('employmentHeroWebhookApi')) as WebhookSecrets;
	} catch {
		// A missing or undecryptable credential verifies nothing: the caller rejects and logs why.
		return {};
	}
}

/** Event types come from the sender: an answer or log line quotes at most 100 characters each. */
function quoteShort(type: string | null): string {
	const text = type !== null && type.length > 100 ? `${type.slice(0, 100)}…` : type;
	return JSON.stringify(text);
}
