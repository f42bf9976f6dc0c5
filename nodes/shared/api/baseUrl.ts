import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * A credential's base URL without trailing slashes. Throws when it is not an http(s) URL, since
 * the request, with its credentials, would otherwise go somewhere unintended.
 */
export function normalizeBaseUrl(
	node: INode,
	value: unknown,
	credentialName: string,
	itemIndex: number,
): string {
	const text = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	let valid = false;
	try {
		valid = ['http:', 'https:'].includes(new URL(text).protocol);
	} catch {
		valid = false;
	}
	if (!valid) {
		throw new NodeOperationError(node, `The ${credentialName} credential has no valid base URL`, {
			itemIndex,
			description:
				'Open the credential and set the base URL to an address starting with https://, e.g. the default for your region.',
		});
	}
	return text;
}
