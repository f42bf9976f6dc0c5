import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { refuse } from './answers';

/** Longest echo value answered; the senders that confirm a URL this way send a short token. */
export const MAX_ECHO_LENGTH = 256;

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export type EchoCheck = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Reads the query of a GET on the trigger's URL. Only `echo`, given once, as 1 to 256 printable
 * ASCII characters (no spaces), is answered; other query parameters are ignored.
 */
export function checkEcho(query: IDataObject): EchoCheck {
	const echo = query.echo;
	if (echo === undefined) {
		return { ok: false, reason: 'only GET ?echo=<value> is answered here; deliveries are POSTed' };
	}
	if (typeof echo !== 'string') return { ok: false, reason: 'echo must be given once, as text' };
	if (echo.length > MAX_ECHO_LENGTH || !PRINTABLE_ASCII.test(echo)) {
		return {
			ok: false,
			reason: `echo must be 1 to ${MAX_ECHO_LENGTH} printable ASCII characters without spaces`,
		};
	}
	return { ok: true, value: echo };
}

/**
 * `GET <url>?echo=<value>`, by which Employment Hero Payroll may confirm a URL before it
 * registers it: the value comes back as plain text. Anything else on GET is refused with 400.
 * Starts no execution, touches no store, and is logged at debug level only: it is not a delivery.
 */
export function answerEcho(this: IWebhookFunctions): IWebhookResponseData {
	const res = this.getResponseObject();
	const where = { workflowId: this.getWorkflow().id, node: this.getNode().name };

	const check = checkEcho(this.getQueryData() as IDataObject);
	if (!check.ok) {
		this.logger.debug('Employment Hero URL check refused', { ...where, reason: check.reason });
		return refuse(res, 400, check.reason);
	}

	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	// The value is the caller's own text: never let a browser read it as anything but text.
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Cache-Control', 'no-store');
	res.status(200).send(check.value);
	this.logger.debug('Employment Hero URL check answered', where);
	return { noWebhookResponse: true };
}
