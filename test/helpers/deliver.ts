import { sign, TEST_SECRET } from './sign';

export interface DeliverOptions {
	/** Secret to sign with; null sends no signature header. */
	secret?: string | null;
	/** Signature header name, in the case it is sent. */
	header?: string;
	/** Turns the hex signature into what is sent, e.g. a prefix or upper case. */
	format?: (hex: string) => string;
	/** Content-Type; null sends none. */
	contentType?: string | null;
	headers?: Record<string, string>;
}

export interface Answer {
	status: number;
	body: Record<string, unknown> | undefined;
	text: string;
	headers: Headers;
}

/** Signs the exact bytes and POSTs them, as Employment Hero would. */
export async function deliver(
	url: string,
	body: string | Buffer,
	options: DeliverOptions = {},
): Promise<Answer> {
	const bytes = typeof body === 'string' ? Buffer.from(body) : body;
	const headers: Record<string, string> = { ...options.headers };
	if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
	if (options.secret !== null) {
		const hex = sign(bytes, options.secret ?? TEST_SECRET);
		headers[options.header ?? 'ms-signature'] = options.format ? options.format(hex) : hex;
	}

	const response = await fetch(url, { method: 'POST', body: bytes, headers });
	const text = await response.text();
	let parsed: Record<string, unknown> | undefined;
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		parsed = undefined;
	}
	return { status: response.status, body: parsed, text, headers: response.headers };
}

/** A Payroll work item with one notification per (action, id) pair. */
export function workItem(id: string, notifications: Array<[string, number | string]>, extra = {}) {
	return JSON.stringify({
		Id: id,
		Attempt: 1,
		Properties: { BusinessId: 4242 },
		Notifications: notifications.map(([action, entityId]) => ({
			Action: action,
			Id: entityId,
			business_id: 4242,
		})),
		...extra,
	});
}
