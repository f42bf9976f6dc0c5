/** Who wrote an answer: our trigger, n8n before the trigger ran, or Node's HTTP parser. */
export type Author = 'trigger' | 'n8n' | 'node';

export type Expected =
	| { by: 'trigger'; code: 200; status: 'accepted'; eventId: string; items: number }
	| { by: 'trigger'; code: 200; status: 'ignored'; eventId: string; reason: string }
	| { by: 'trigger'; code: 400 | 401 | 413; status: 'rejected'; reason: string }
	| { by: 'n8n' | 'node'; code: number };

export type Major = 1 | 2;

/** Any of several answers is right (see `either`). */
type Alternatives = Expected | Expected[];

/** One expectation for every pinned version, or one per major version where they differ. */
export type ExpectedPerVersion = Alternatives | Record<Major, Alternatives>;

export const accepted = (eventId: string, items = 1): Expected => ({
	by: 'trigger',
	code: 200,
	status: 'accepted',
	eventId,
	items,
});

export const ignored = (eventId: string, reason: string): Expected => ({
	by: 'trigger',
	code: 200,
	status: 'ignored',
	eventId,
	reason,
});

export const rejected = (code: 400 | 401 | 413, reason: string): Expected => ({
	by: 'trigger',
	code,
	status: 'rejected',
	reason,
});

export const INVALID_SIGNATURE = rejected(401, 'invalid signature');
export const TOO_LARGE = rejected(413, 'payload too large');
export const NOT_JSON = rejected(400, 'body is not valid JSON');
export const NOT_UTF8 = rejected(400, 'body is not valid UTF-8');
export const NOT_OBJECT = rejected(400, 'body is not a JSON object');
export const NO_EVENT_ID = rejected(400, 'delivery has no event id');

/** n8n refuses a body it cannot parse as the declared type, before any node runs. */
export const N8N_UNPARSEABLE: Expected = { by: 'n8n', code: 422 };
export const N8N_NOT_REGISTERED: Expected = { by: 'n8n', code: 404 };

export const byN8n = (code: number): Expected => ({ by: 'n8n', code });
export const byNode = (code: number): Expected => ({ by: 'node', code });

/** For answers that depend on what n8n handled before, not on the request alone. */
export const either = (...alternatives: Expected[]): Expected[] => alternatives;

export function expectedFor(expected: ExpectedPerVersion, major: Major): Expected[] {
	const chosen = Array.isArray(expected) || 'by' in expected ? expected : expected[major];
	return Array.isArray(chosen) ? chosen : [chosen];
}
