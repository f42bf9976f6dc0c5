import { gzipSync } from 'zlib';

import { sign } from '../../helpers/sign';
import {
	accepted,
	byN8n,
	byNode,
	either,
	ignored,
	INVALID_SIGNATURE,
	N8N_NOT_REGISTERED,
	N8N_UNPARSEABLE,
	NO_EVENT_ID,
	NOT_JSON,
	NOT_OBJECT,
	NOT_UTF8,
	rejected,
	TOO_LARGE,
	type ExpectedPerVersion,
} from './expected';
import { call, notifications, post, socketPost, workItem, type Send } from './requests';

/** The trigger a kind is sent to; see the workflow in malformed.test.ts. */
export type Hook = 'all' | 'createdOnly' | 'small';

/** Max Body Size of the `small` hook, so that size limits are cheap to reach. */
export const SMALL_MAX_BODY_BYTES = 65_536;

export interface MalformedKind {
	name: string;
	/** @default 'all' */
	hook?: Hook;
	send: Send;
	expected: ExpectedPerVersion;
}

const MIB = 1_048_576;
const BOM = [0xef, 0xbb, 0xbf];
const HUGE_ACTION = 'E'.repeat(100_000);
const LONG_ID = `mf-long-${'x'.repeat(100_000)}`;
const ODD_ID = 'mf-../..\\"\n\t<script>';

const json = (value: unknown) => JSON.stringify(value);
const bytes = (...parts: Array<string | number[]>) =>
	Buffer.concat(parts.map((part) => Buffer.from(part)));
const nested = (open: string, close: string, depth: number, inner = '') =>
	`${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** A work item of exactly `size` bytes, padded with spaces before its closing brace. */
function workItemOfSize(id: string, size: number): string {
	const head = workItem(id).slice(0, -1);
	return `${head}${' '.repeat(size - head.length - 1)}}`;
}

/** The work item `id` with one more top-level member, written as raw JSON text. */
function workItemWith(id: string, member: string): string {
	return `${workItem(id).slice(0, -1)},${member}}`;
}

function multipart(boundary: string, value: string): string {
	const disposition = 'Content-Disposition: form-data; name="payload"';
	return [`--${boundary}`, disposition, '', value, `--${boundary}--`, ''].join('\r\n');
}

/** The fullwidth digits (U+FF10 to U+FF19) for 0 to 9, as their UTF-8 bytes read as Latin-1. */
function fullwidthDigits(hex: string): string {
	const lookAlike = hex.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
	return Buffer.from(lookAlike).toString('latin1');
}

const contentTypes: MalformedKind[] = [
	{
		name: 'a work item declared application/json',
		send: post(workItem('mf-json')),
		expected: accepted('mf-json'),
	},
	{
		name: 'a work item declared application/json; charset=utf-8',
		send: post(workItem('mf-json-charset'), { contentType: 'application/json; charset=utf-8' }),
		expected: accepted('mf-json-charset'),
	},
	{
		name: 'a work item declared APPLICATION/JSON in capitals',
		send: post(workItem('mf-json-caps'), { contentType: 'APPLICATION/JSON' }),
		expected: accepted('mf-json-caps'),
	},
	{
		name: 'a work item declared application/vnd.employmenthero+json',
		send: post(workItem('mf-plus-json'), { contentType: 'application/vnd.employmenthero+json' }),
		expected: accepted('mf-plus-json'),
	},
	{
		name: 'a work item declared text/plain',
		send: post(workItem('mf-text'), { contentType: 'text/plain' }),
		expected: accepted('mf-text'),
	},
	{
		name: 'a work item declared text/plain with an unknown charset',
		send: post(workItem('mf-text-bogus'), { contentType: 'text/plain; charset=bogus' }),
		expected: N8N_UNPARSEABLE,
	},
	{
		name: 'a work item declared application/json; charset=utf-16le',
		send: post(workItem('mf-utf16'), { contentType: 'application/json; charset=utf-16le' }),
		expected: N8N_UNPARSEABLE,
	},
	// n8n shares one XML parser, which after a failure lets the next bad document through as
	// null: a body declared XML that is not XML is refused by n8n or reaches the trigger, by turns.
	{
		name: 'a work item declared application/xml',
		send: post(workItem('mf-xml-json'), { contentType: 'application/xml' }),
		expected: either(N8N_UNPARSEABLE, accepted('mf-xml-json')),
	},
	{
		name: 'a work item declared application/soap+xml',
		send: post(workItem('mf-soap'), { contentType: 'application/soap+xml' }),
		expected: either(N8N_UNPARSEABLE, accepted('mf-soap')),
	},
	{
		name: 'a well-formed XML body declared text/xml',
		send: post('<delivery><Id>mf-xml</Id></delivery>', { contentType: 'text/xml' }),
		expected: NOT_JSON,
	},
	{
		name: 'a work item declared application/x-www-form-urlencoded',
		send: post(workItem('mf-form'), { contentType: 'application/x-www-form-urlencoded' }),
		expected: accepted('mf-form'),
	},
	{
		name: 'form fields declared application/x-www-form-urlencoded',
		send: post('Id=mf-form-fields&Action=EmployeeUpdated', {
			contentType: 'application/x-www-form-urlencoded',
		}),
		expected: NOT_JSON,
	},
	{
		name: 'a work item as a multipart/form-data field',
		send: post(multipart('b0undary', workItem('mf-multipart')), {
			contentType: 'multipart/form-data; boundary=b0undary',
		}),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'a work item declared multipart/form-data without being multipart',
		send: post(workItem('mf-multipart-lie'), {
			contentType: 'multipart/form-data; boundary=b0undary',
		}),
		// 1.x's form parser finds no parts and consumes the bytes; 2.x's refuses the body.
		expected: { 1: INVALID_SIGNATURE, 2: byN8n(400) },
	},
	{
		name: 'a work item declared multipart/mixed',
		send: post(workItem('mf-mixed'), { contentType: 'multipart/mixed; boundary=b0undary' }),
		expected: accepted('mf-mixed'),
	},
	{
		name: 'a work item declared application/octet-stream',
		send: post(workItem('mf-octet'), { contentType: 'application/octet-stream' }),
		expected: accepted('mf-octet'),
	},
	{
		name: 'a work item without Content-Type',
		send: post(workItem('mf-no-type'), { contentType: null }),
		expected: accepted('mf-no-type'),
	},
];

/** n8n inflates gzip and deflate before the trigger runs: the signature covers the JSON. */
const encodings: MalformedKind[] = [
	{
		name: 'a gzip body signed over the JSON it inflates to',
		send: post(workItem('mf-gzip'), { encoding: 'gzip' }),
		expected: accepted('mf-gzip'),
	},
	{
		name: 'a deflate body signed over the JSON it inflates to',
		send: post(workItem('mf-deflate'), { encoding: 'deflate' }),
		expected: accepted('mf-deflate'),
	},
	{
		name: 'a gzip body signed over the compressed bytes',
		send: post(workItem('mf-gzip-sent'), { encoding: 'gzip', signed: 'sent' }),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'a gzip body sent in chunks without Content-Length',
		send: post(workItem('mf-gzip-chunked'), { encoding: 'gzip', chunks: 3 }),
		expected: accepted('mf-gzip-chunked'),
	},
	{
		name: 'a brotli body signed over the JSON (n8n does not inflate br)',
		send: post(workItem('mf-br'), { encoding: 'br', contentType: 'application/octet-stream' }),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'a brotli body signed over the compressed bytes',
		send: post(workItem('mf-br-sent'), {
			encoding: 'br',
			signed: 'sent',
			contentType: 'application/octet-stream',
		}),
		expected: NOT_UTF8,
	},
	{
		name: 'Content-Encoding: identity',
		send: post(workItem('mf-identity'), { headers: { 'Content-Encoding': 'identity' } }),
		expected: accepted('mf-identity'),
	},
	// A body n8n cannot inflate fails in n8n's own body reader, before any node runs.
	{
		name: 'Content-Encoding: gzip on a body that is not gzip',
		send: post(workItem('mf-fake-gzip'), { headers: { 'Content-Encoding': 'gzip' } }),
		expected: byN8n(500),
	},
	{
		name: 'a truncated gzip body',
		send: post(gzipSync(workItem('mf-gzip-cut')).subarray(0, -12), {
			headers: { 'Content-Encoding': 'gzip' },
			signature: sign(workItem('mf-gzip-cut')),
		}),
		expected: byN8n(500),
	},
	{
		name: 'a gzip body that inflates past Max Body Size',
		hook: 'small',
		send: post(workItemOfSize('mf-gzip-big', 4 * SMALL_MAX_BODY_BYTES), { encoding: 'gzip' }),
		expected: TOO_LARGE,
	},
	{
		name: "a gzip body that inflates past n8n's own 16 MiB limit",
		send: post(workItemOfSize('mf-gzip-bomb', 17 * MIB), { encoding: 'gzip' }),
		expected: byN8n(500),
	},
];

const octets = { contentType: 'application/octet-stream' };

const byteLevel: MalformedKind[] = [
	{
		name: 'invalid UTF-8 in a string, declared application/octet-stream',
		send: post(bytes('{"Id":"mf-bad-utf8","x":"', [0xff, 0xfe], '"}'), octets),
		expected: NOT_UTF8,
	},
	{
		name: 'invalid UTF-8 in a string, declared application/json',
		send: post(bytes('{"Id":"mf-bad-utf8-json","x":"', [0xc3, 0x28], '"}')),
		expected: NOT_UTF8,
	},
	{
		name: 'an overlong UTF-8 encoding of "/"',
		send: post(bytes('{"Id":"mf-overlong","x":"', [0xc0, 0xaf], '"}'), octets),
		expected: NOT_UTF8,
	},
	{
		name: 'a UTF-8 encoded surrogate',
		send: post(bytes('{"Id":"mf-surrogate","x":"', [0xed, 0xa0, 0x80], '"}'), octets),
		expected: NOT_UTF8,
	},
	{
		name: 'a byte-order mark before JSON declared application/json',
		send: post(bytes(BOM, workItem('mf-bom-json'))),
		// 1.x parses the body with the mark and fails; 2.x strips it first.
		expected: { 1: N8N_UNPARSEABLE, 2: accepted('mf-bom-json') },
	},
	{
		name: 'a byte-order mark before JSON declared application/octet-stream',
		send: post(bytes(BOM, workItem('mf-bom-octet')), octets),
		expected: accepted('mf-bom-octet'),
	},
	{
		name: 'UTF-16 JSON with its byte-order mark',
		send: post(Buffer.from(`\uFEFF${workItem('mf-utf16-bom')}`, 'utf16le'), octets),
		expected: NOT_UTF8,
	},
	{
		name: 'a raw NUL byte inside a JSON string',
		send: post(bytes('{"Id":"mf-nul', [0x00], '"}'), octets),
		expected: NOT_JSON,
	},
	{
		name: 'escaped NUL and a lone surrogate in string values',
		send: post(
			'{"Id":"mf-escapes","Notifications":' +
				'[{"Action":"EmployeeUpdated","Id":1,"Nul":"\\u0000","Lone":"\\ud800"}]}',
		),
		expected: accepted('mf-escapes'),
	},
];

const notJson: MalformedKind[] = [
	{
		name: 'an empty body',
		send: post(''),
		expected: NOT_JSON,
	},
	{
		name: 'an empty body without a signature',
		send: post('', { signature: null }),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'a body of white space declared application/json',
		send: post(' \n\t '),
		expected: N8N_UNPARSEABLE,
	},
	{
		name: 'a body of white space declared text/plain',
		send: post(' \n\t ', { contentType: 'text/plain' }),
		expected: NOT_JSON,
	},
	{
		name: 'JSON followed by garbage, declared application/json',
		send: post(`${workItem('mf-trailing-json')}xyz`),
		expected: N8N_UNPARSEABLE,
	},
	{
		name: 'JSON followed by garbage, declared application/octet-stream',
		send: post(`${workItem('mf-trailing')}xyz`, octets),
		expected: NOT_JSON,
	},
	{
		name: 'JSON with a comment',
		send: post(`/* x */ ${workItem('mf-comments')}`, octets),
		expected: NOT_JSON,
	},
	{
		name: 'a NaN literal',
		send: post('{"Id":"mf-nan","Attempt":NaN}', octets),
		expected: NOT_JSON,
	},
	{
		name: 'single-quoted JSON',
		send: post("{'Id':'mf-single-quotes'}"),
		expected: N8N_UNPARSEABLE,
	},
];

const shapes: MalformedKind[] = [
	{ name: 'a JSON array', send: post(json([{ Id: 'mf-array' }])), expected: NOT_OBJECT },
	{ name: 'a JSON number', send: post('42'), expected: NOT_OBJECT },
	{ name: 'JSON null', send: post('null'), expected: NOT_OBJECT },
	{ name: 'a JSON string', send: post('"mf-string"'), expected: NOT_OBJECT },
	{ name: 'JSON true', send: post('true'), expected: NOT_OBJECT },
	{
		name: 'arrays nested 100,000 deep',
		send: post(nested('[', ']', 100_000)),
		expected: NOT_OBJECT,
	},
	{
		name: 'objects nested 50,000 deep in a member the trigger ignores',
		send: post(workItemWith('mf-deep-member', `"Pad":${nested('{"a":', '}', 50_000, '1')}`)),
		expected: accepted('mf-deep-member'),
	},
	{
		name: 'objects nested 500 deep inside a notification',
		send: post(
			`{"Id":"mf-deep-entity","Notifications":[{"Action":"EmployeeUpdated","Id":1,` +
				`"Nested":${nested('{"a":', '}', 500, '1')}}]}`,
		),
		expected: accepted('mf-deep-entity'),
	},
	{
		name: 'a duplicated Id member (the last one counts)',
		send: post(workItemWith('mf-dup-first', '"Id":"mf-dup-last"')),
		expected: accepted('mf-dup-last'),
	},
	{
		name: '__proto__ and constructor members',
		send: post(
			'{"Id":"mf-proto","__proto__":{"polluted":1},' +
				'"Properties":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}},' +
				'"Notifications":[{"Action":"EmployeeUpdated","Id":1,"__proto__":{"polluted":1}}]}',
		),
		expected: accepted('mf-proto'),
	},
];

const ids: MalformedKind[] = [
	{
		name: 'a work item without Id',
		send: post(json({ Notifications: notifications(1) })),
		expected: NO_EVENT_ID,
	},
	{ name: 'an empty Id', send: post(workItem('')), expected: NO_EVENT_ID },
	{ name: 'an Id of spaces', send: post(workItem('   ')), expected: NO_EVENT_ID },
	{ name: 'a null Id', send: post(workItem(null)), expected: NO_EVENT_ID },
	{ name: 'an object as Id', send: post(workItem({ id: 'mf-object-id' })), expected: NO_EVENT_ID },
	{ name: 'true as Id', send: post(workItem(true)), expected: NO_EVENT_ID },
	{ name: 'a number as Id', send: post(workItem(4_242_001)), expected: accepted('4242001') },
	{ name: 'a negative decimal as Id', send: post(workItem(-42.5)), expected: accepted('-42.5') },
	{
		name: 'an Id too large for a double (1e400)',
		send: post('{"Id":1e400,"Notifications":[]}'),
		expected: NO_EVENT_ID,
	},
	{
		name: 'an integer Id beyond 2^53, which JSON numbers cannot hold exactly',
		send: post('{"Id":179640651644400000001,"Notifications":[]}'),
		expected: rejected(400, 'event id is a number too large to read exactly; send it as a string'),
	},
	{
		name: 'an Id of 100,000 characters',
		send: post(workItem(LONG_ID)),
		expected: accepted(LONG_ID),
	},
	{
		name: 'an Id with path, quote and control characters',
		send: post(workItem(ODD_ID)),
		expected: accepted(ODD_ID),
	},
	{
		name: 'a single event with a number as id',
		send: post(json({ id: 4_242_002, event: 'EmployeeUpdated', data: { id: 9 } })),
		expected: accepted('4242002'),
	},
	{
		name: 'a single event without id',
		send: post(json({ event: 'EmployeeUpdated', data: { id: 9 } })),
		expected: NO_EVENT_ID,
	},
];

const entities: MalformedKind[] = [
	{
		name: 'Notifications as an object',
		send: post(workItem('mf-object-list', { Notifications: { Action: 'EmployeeUpdated' } })),
		expected: rejected(400, 'Notifications is not a list'),
	},
	{
		name: 'no notifications',
		send: post(workItem('mf-no-notifications', { Notifications: [] })),
		expected: ignored('mf-no-notifications', 'delivery has no entities'),
	},
	{
		name: 'a notification that is a string',
		send: post(workItem('mf-string-entity', { Notifications: ['EmployeeUpdated'] })),
		expected: rejected(400, 'notification 0 is not an object'),
	},
	{
		name: 'a notification that is null',
		send: post(workItem('mf-null-entity', { Notifications: [null] })),
		expected: rejected(400, 'notification 0 is not an object'),
	},
	{
		name: 'a notification without Action',
		send: post(workItem('mf-no-action', { Notifications: [{ Id: 1 }] })),
		expected: accepted('mf-no-action'),
	},
	{
		name: 'an Action of 100,000 characters',
		send: post(workItem('mf-huge-action', { Notifications: [{ Action: HUGE_ACTION, Id: 1 }] })),
		expected: accepted('mf-huge-action'),
	},
	{
		name: 'an unsubscribed Action of 100,000 characters',
		hook: 'createdOnly',
		send: post(workItem('mf-huge-ignored', { Notifications: [{ Action: HUGE_ACTION, Id: 1 }] })),
		// The reason quotes at most 100 characters of a type the sender chose.
		expected: ignored('mf-huge-ignored', `event type "${HUGE_ACTION.slice(0, 100)}…" is not subscribed`),
	},
	{
		name: '10,000 notifications of which one is subscribed',
		hook: 'createdOnly',
		send: post(
			workItem('mf-10k', {
				Notifications: [...notifications(9_999), { Action: 'EmployeeCreated', Id: 10_000 }],
			}),
		),
		expected: accepted('mf-10k', 1),
	},
	{
		name: '1,000 notifications, all subscribed',
		send: post(workItem('mf-1k', { Notifications: notifications(1_000) })),
		expected: accepted('mf-1k', 1_000),
	},
];

const headers: MalformedKind[] = [
	{
		name: 'no signature header',
		send: post(workItem('mf-unsigned'), { signature: null }),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'an empty signature header',
		send: post(workItem('mf-empty-sig'), { signature: '' }),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'a signature header of 8 KiB',
		send: post(workItem('mf-8k-sig'), { signature: 'a'.repeat(8_192) }),
		expected: INVALID_SIGNATURE,
	},
	{
		name: "a signature header past Node's 16 KiB header limit",
		// Not far past it: Node must read the whole request, or it resets the connection unanswered.
		send: post(workItem('mf-20k-sig'), { signature: 'a'.repeat(20_000) }),
		expected: byNode(431),
	},
	{
		name: 'the correct signature in two headers',
		send: post(workItem('mf-sig-twice'), {
			signature: [sign(workItem('mf-sig-twice')), sign(workItem('mf-sig-twice'))],
		}),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'the signature in fullwidth digits (UTF-8 bytes)',
		send: post(workItem('mf-fullwidth'), {
			signature: fullwidthDigits(sign(workItem('mf-fullwidth'))),
		}),
		expected: INVALID_SIGNATURE,
	},
	{
		name: 'a NUL byte in the signature header',
		send: socketPost(
			[
				`ms-signature: ${sign(workItem('mf-nul-header'))}\0`,
				'Content-Type: application/json',
				`Content-Length: ${workItem('mf-nul-header').length}`,
			],
			Buffer.from(workItem('mf-nul-header')),
		),
		expected: byNode(400),
	},
	{
		name: 'the signature in another header',
		send: post(workItem('mf-other-header'), {
			signature: null,
			headers: { 'x-signature': sign(workItem('mf-other-header')) },
		}),
		expected: INVALID_SIGNATURE,
	},
	{
		name: '100 unrelated headers',
		send: post(workItem('mf-many-headers'), {
			headers: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-junk-${i}`, 'junk'])),
		}),
		expected: accepted('mf-many-headers'),
	},
];

const sizes: MalformedKind[] = [
	{
		name: 'a body of exactly Max Body Size',
		hook: 'small',
		send: post(workItemOfSize('mf-at-limit', SMALL_MAX_BODY_BYTES)),
		expected: accepted('mf-at-limit'),
	},
	{
		name: 'a body one byte over Max Body Size',
		hook: 'small',
		send: post(workItemOfSize('mf-over-limit', SMALL_MAX_BODY_BYTES + 1)),
		expected: TOO_LARGE,
	},
	{
		name: 'a body one byte over Max Body Size, chunked without Content-Length',
		hook: 'small',
		send: post(workItemOfSize('mf-over-chunked', SMALL_MAX_BODY_BYTES + 1), { chunks: 7 }),
		expected: TOO_LARGE,
	},
	{
		name: 'a work item chunked without Content-Length',
		send: post(workItem('mf-chunked'), { chunks: 5 }),
		expected: accepted('mf-chunked'),
	},
	{
		name: 'a work item in one-byte chunks',
		send: post(workItem('mf-byte-chunks'), { chunks: workItem('mf-byte-chunks').length }),
		expected: accepted('mf-byte-chunks'),
	},
	{
		name: 'a Content-Length that promises more than is sent',
		send: socketPost(
			[
				`ms-signature: ${sign(workItem('mf-short'))}`,
				'Content-Type: application/octet-stream',
				'Content-Length: 100000',
			],
			Buffer.from(workItem('mf-short')),
			true,
		),
		expected: byNode(400),
	},
	{
		name: "a Content-Length past n8n's own 16 MiB limit",
		send: socketPost(
			['ms-signature: 00', 'Content-Type: application/octet-stream', `Content-Length: ${17 * MIB}`],
			Buffer.alloc(0),
		),
		expected: byN8n(500),
	},
	{
		name: 'a Content-Length that is not a number',
		send: socketPost(['Content-Type: application/json', 'Content-Length: abc'], Buffer.from('{}')),
		expected: byNode(400),
	},
	{
		name: 'both Content-Length and Transfer-Encoding',
		send: socketPost(
			['Content-Type: application/json', 'Content-Length: 2', 'Transfer-Encoding: chunked'],
			Buffer.from('2\r\n{}\r\n0\r\n\r\n'),
		),
		expected: byNode(400),
	},
];

const methods: MalformedKind[] = [
	{
		name: 'GET without ?echo',
		send: call('GET'),
		expected: rejected(400, 'only GET ?echo=<value> is answered here; deliveries are POSTed'),
	},
	{
		name: 'GET with an echo of 300 characters',
		send: call('GET', `?echo=${'e'.repeat(300)}`),
		expected: rejected(400, 'echo must be 1 to 256 printable ASCII characters without spaces'),
	},
	{ name: 'HEAD', send: call('HEAD'), expected: N8N_NOT_REGISTERED },
	{ name: 'PUT', send: call('PUT'), expected: N8N_NOT_REGISTERED },
	{ name: 'PATCH', send: call('PATCH'), expected: N8N_NOT_REGISTERED },
	{ name: 'DELETE', send: call('DELETE'), expected: N8N_NOT_REGISTERED },
	{
		name: 'a signed PUT of a work item',
		send: post(workItem('mf-put'), { method: 'PUT' }),
		expected: N8N_NOT_REGISTERED,
	},
];

/** Every kind of malformed (or merely unusual) input, each with what must answer it. */
export const MALFORMED_KINDS: MalformedKind[] = [
	...contentTypes,
	...encodings,
	...byteLevel,
	...notJson,
	...shapes,
	...ids,
	...entities,
	...headers,
	...sizes,
	...methods,
];
