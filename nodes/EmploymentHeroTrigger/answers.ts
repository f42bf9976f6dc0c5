import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Seconds a sender should wait before retrying when the dedupe store cannot answer. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * Every answer is a small JSON object with a `status`. 200 answers go through n8n, which sends
 * them after saving the workflow's static data (so an acknowledged claim is already stored);
 * other codes are written here because n8n's own answer code is fixed per webhook.
 */
export function acknowledge(body: IDataObject, workflowData?: IWebhookResponseData['workflowData']) {
	return workflowData ? { webhookResponse: body, workflowData } : { webhookResponse: body };
}

export function refuse(
	res: Response,
	code: 400 | 401 | 413 | 503,
	reason: string,
): IWebhookResponseData {
	if (code === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
	const status = code === 503 ? 'unavailable' : 'rejected';
	res.status(code).json({ status, reason });
	return { noWebhookResponse: true };
}
