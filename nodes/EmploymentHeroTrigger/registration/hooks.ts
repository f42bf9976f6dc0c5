import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { isSuccess, networkCodeOf, type SendOutcome } from '../../shared/api';
import { registrationError } from './errors';
import {
	deleteRegistration,
	listRegistrations,
	postRegistration,
	readCreatedId,
	readRegistrations,
	sameUrl,
	type PayrollBusiness,
} from './payrollApi';
import { generateSecret } from './secrets';
import { readTarget, type RegistrationTarget } from './settings';
import { clearStored, readStored, writeStored, type StoredRegistration } from './stored';

/**
 * The trigger's registration with Employment Hero Payroll, driven by n8n: `checkExists` at every
 * activation (n8n 1.x also at every start; 2.x only for webhooks missing from its database),
 * `create` when it answers false, `delete` on deactivation (and when an active workflow is saved,
 * and at the end of a test listen). Each trigger URL has at most one registration: any other found
 * for the URL is deleted, since its secret is unknown.
 */
export const payrollRegistrationHooks = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		const target = await readTarget(this);
		const staticData = this.getWorkflowStaticData('node');
		const stored = readStored(staticData);
		const fits = stored !== undefined && storedFits(stored, target);

		const outcome = await listRegistrations(this, target);
		const listed = isSuccess(outcome.response)
			? readRegistrations(outcome.response?.body)
			: undefined;
		if (listed === undefined) {
			// Payroll being down must not take down a registration that still delivers.
			if (fits && isTransient(outcome)) {
				this.logger.warn(
					'Employment Hero Payroll unavailable; keeping the stored webhook registration',
					{
						...where(this),
						businessId: target.businessId,
						registrationId: stored.id,
						failure: failureOf(outcome),
					},
				);
				return true;
			}
			if (outcome.response && isSuccess(outcome.response)) {
				throw new NodeOperationError(
					this.getNode(),
					'Employment Hero Payroll answered the registration lookup with something other than a list',
					{
						description:
							'Check the Region or Base URL of the Employment Hero Payroll API credential: it should be the Payroll API address.',
					},
				);
			}
			throw registrationError(this.getNode(), outcome, target, 'list', target.url);
		}

		const kept = fits ? listed.find((registration) => registration.id === stored.id) : undefined;
		const strays = listed.filter(
			(registration) =>
				registration !== kept &&
				(sameUrl(registration.url, target.url) || registration.id === stored?.id),
		);
		if (stored && !kept && !sameBusiness(stored, target)) {
			await removeQuietly(this, stored, stored.id);
		}
		for (const stray of strays) await removeQuietly(this, target, stray.id);

		if (!kept && stored) clearStored(staticData);
		return kept !== undefined;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		const target = await readTarget(this);
		const secret = generateSecret();

		const { name } = this.getWorkflow();
		const description = `n8n workflow "${name ?? this.getWorkflow().id}", node "${this.getNode().name}"`;
		const outcome = await postRegistration(this, target, { ...target, secret, description });
		if (!isSuccess(outcome.response)) {
			throw registrationError(this.getNode(), outcome, target, 'create', target.url);
		}

		const id = readCreatedId(outcome.response?.body);
		if (id === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				'Employment Hero Payroll did not say which webhook registration it created',
				{
					description:
						'Activate the workflow again: the trigger then replaces any registration of its URL. If this repeats, check the Base URL of the Employment Hero Payroll API credential.',
				},
			);
		}

		writeStored(this.getWorkflowStaticData('node'), {
			id,
			url: target.url,
			baseUrl: target.baseUrl,
			businessId: target.businessId,
			filters: target.filters,
			secret,
			createdAt: new Date().toISOString(),
		});
		this.logger.info('Registered the webhook with Employment Hero Payroll', {
			...where(this),
			businessId: target.businessId,
			registrationId: id,
			filters: target.filters,
		});
		return true;
	},

	/**
	 * Never throws: n8n 1.x stops removing the workflow's other webhooks at the first error. A
	 * registration that could not be deleted stays stored, so the next activation reuses or
	 * replaces it.
	 */
	async delete(this: IHookFunctions): Promise<boolean> {
		const staticData = this.getWorkflowStaticData('node');
		const stored = readStored(staticData);
		if (!stored) return true;

		const removed = await removeQuietly(this, stored, stored.id);
		if (removed) clearStored(staticData);
		return removed;
	},
};

function storedFits(stored: StoredRegistration, target: RegistrationTarget): boolean {
	return (
		sameBusiness(stored, target) &&
		sameUrl(stored.url, target.url) &&
		stored.filters.join('\n') === target.filters.join('\n')
	);
}

function sameBusiness(a: PayrollBusiness, b: PayrollBusiness): boolean {
	return a.baseUrl === b.baseUrl && a.businessId === b.businessId;
}

/** Deletes a registration; a failure is logged for the operator, not thrown. */
async function removeQuietly(
	context: IHookFunctions,
	business: PayrollBusiness,
	id: string,
): Promise<boolean> {
	const about = { ...where(context), businessId: business.businessId, registrationId: id };

	const outcome = await deleteRegistration(context, business, id);

	if (isSuccess(outcome.response) || outcome.response?.statusCode === 404) {
		context.logger.info('Removed a webhook registration from Employment Hero Payroll', about);
		return true;
	}
	context.logger.warn(
		'Could not remove a webhook registration from Employment Hero Payroll; delete it in Payroll by hand',
		{ ...about, failure: failureOf(outcome) },
	);
	return false;
}

function isTransient(outcome: SendOutcome): boolean {
	const status = outcome.response?.statusCode;
	if (status === undefined) return networkCodeOf(outcome.error) !== undefined;
	return status === 408 || status === 429 || status >= 500;
}

function failureOf(outcome: SendOutcome): string {
	return outcome.response
		? `HTTP ${outcome.response.statusCode}`
		: (networkCodeOf(outcome.error) ??
				(outcome.error as Error | undefined)?.message ??
				'no answer');
}

function where(context: IHookFunctions) {
	return { workflowId: context.getWorkflow().id, node: context.getNode().name };
}
