import type { IHookFunctions, WebhookSetupMethodNames } from 'n8n-workflow';

import { dedupeWebhookMethods } from '../dedupe/postgresLifecycle';
import { payrollRegistrationHooks } from './hooks';
import { registersWithPayroll } from './settings';

type WebhookMethods = Record<WebhookSetupMethodNames, (this: IHookFunctions) => Promise<boolean>>;

/**
 * The trigger's `webhookMethods.default`: the dedupe store's checks and pool release, plus the
 * Payroll registration when Registration is automatic. Registered by hand, the trigger behaves
 * exactly as the dedupe hooks alone.
 */
export const triggerWebhookMethods: WebhookMethods = {
	async checkExists() {
		if (!registersWithPayroll(this)) return await dedupeWebhookMethods.checkExists.call(this);

		const exists = await payrollRegistrationHooks.checkExists.call(this);
		// n8n skips `create` for an existing registration; the store's settings are still checked.
		if (exists) await dedupeWebhookMethods.create.call(this);
		return exists;
	},

	async create() {
		// Settings that could never work fail activation before anything is registered.
		await dedupeWebhookMethods.create.call(this);
		if (registersWithPayroll(this)) await payrollRegistrationHooks.create.call(this);
		return true;
	},

	async delete() {
		const removed = registersWithPayroll(this)
			? await payrollRegistrationHooks.delete.call(this)
			: true;
		await dedupeWebhookMethods.delete.call(this);
		return removed;
	},
};
