import { NodeOperationError, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { payrollBaseUrl } from '../../EmploymentHeroPayroll/transport/baseUrl';
import { ALL_EVENTS } from '../events';
import { REGISTRATION_BY_HAND, REGISTRATION_PAYROLL_API } from './description';

/** Where and for what the trigger registers itself with Payroll. */
export interface RegistrationTarget {
	/** Payroll API address from the credential, without a trailing slash. */
	baseUrl: string;
	businessId: string;
	/** The trigger's production (or, while listening in the editor, test) URL. */
	url: string;
	/** Event names as Payroll filters: `*` for every event. */
	filters: string[];
}

/** Whether the trigger registers itself through the Payroll API instead of being registered by hand. */
export function registersWithPayroll(context: IHookFunctions | IWebhookFunctions): boolean {
	const mode = context.getNodeParameter('registration', REGISTRATION_BY_HAND);
	return mode === REGISTRATION_PAYROLL_API;
}

/**
 * The Events parameter as registration filters, sorted so that two equal selections compare equal.
 * Nothing chosen, or `*` among the choices, subscribes to everything, as the trigger's own filter does.
 */
export function filtersFor(events: unknown): string[] {
	const listed = Array.isArray(events)
		? events
		: typeof events === 'string'
			? events.split(',')
			: [];
	const names = listed
		.filter((event): event is string => typeof event === 'string')
		.map((event) => event.trim())
		.filter((event) => event !== '');
	if (names.length === 0 || names.includes(ALL_EVENTS)) return [ALL_EVENTS];
	return [...new Set(names)].sort();
}

/** Reads the registration's target; throws, saying what to fix, when a setting is missing. */
export async function readTarget(context: IHookFunctions): Promise<RegistrationTarget> {
	const node = context.getNode();

	const businessId = String(context.getNodeParameter('businessId', '') ?? '').trim();
	if (!/^\d+$/.test(businessId)) {
		const message =
			businessId === ''
				? 'No Business ID to register the webhook with'
				: `Business ID "${businessId}" is not a number`;
		throw new NodeOperationError(node, message, {
			description:
				'Enter the Business ID of the Payroll business (the number in its address in Payroll), or set Registration to By Hand.',
		});
	}

	const credentials = await context.getCredentials('employmentHeroPayrollApi');
	const baseUrl = payrollBaseUrl(node, credentials, 0);

	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(node, 'n8n has no URL for this trigger to register', {
			description:
				'Check that n8n knows its public address (the WEBHOOK_URL environment variable), then activate again.',
		});
	}

	return { baseUrl, businessId, url, filters: filtersFor(context.getNodeParameter('events', [])) };
}
