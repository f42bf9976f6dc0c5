import { randomBytes } from 'crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import { registersWithPayroll } from './settings';
import { readStored } from './stored';

/**
 * A new signing secret: 32 random bytes as 64 hex characters, the most Payroll accepts (its
 * registrations take secrets of 32 to 64 characters).
 */
export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}

/** The secrets a delivery may be signed with, in the shape of the webhook credential. */
export interface RegisteredSecrets {
	secret?: string;
	/** Never set: a registration's secret is replaced, not rotated. */
	previousSecret?: string;
}

/**
 * The secrets to verify a delivery with when the trigger registered itself with Payroll, or
 * undefined when it is registered by hand (the Employment Hero Webhook credential holds them then).
 * With registration on but none stored, there is no secret, so every delivery is rejected.
 */
export function registeredSecrets(context: IWebhookFunctions): RegisteredSecrets | undefined {
	if (!registersWithPayroll(context)) return undefined;

	const stored = readStored(context.getWorkflowStaticData('node'));
	return stored ? { secret: stored.secret } : {};
}
