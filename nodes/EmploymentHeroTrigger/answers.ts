import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Seconds a sender should wait before retrying when the dedupe store cannot answer. */
export const RETRY_AFTER_SECONDS = 30;

export type RefusalCode = 400 | 401 | 413 | 503;

/**
 * Every answer is written here, as a small JSON object with a `status`, and n8n is told not to
 * answer itself. Letting n8n answer would be worse twice over: its code is fixed per webhook, and
 * n8n 2.x sends an "on received" answer only after creating the execution, which resets the
 * static-data change flag so the claim is never saved. Told that the answer was sent, n8n saves
 * static data at once, before it starts the execution.
 */
export function acknowledge(
	res: Response,
	body: IDataObject,
	workflowData?: IWebhookResponseData['workflowData'],
): IWebhookResponseData {
	res.status(200).json(body);
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}

export function refuse(res: Response, code: RefusalCode, reason: string): IWebhookResponseData {
	if (code === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
	const status = code === 503 ? 'unavailable' : 'rejected';
	res.status(code).json({ status, reason });
	return { noWebhookResponse: true };
}
