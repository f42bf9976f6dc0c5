import { NodeOperationError, type INode } from 'n8n-workflow';

import { networkCodeOf, type SendOutcome } from '../../shared/api';
import type { PayrollBusiness } from './payrollApi';

/** What the trigger was doing when Payroll failed it, as the message says it. */
export type RegistrationStep = 'list' | 'create';

const DOING: Record<RegistrationStep, string> = {
	list: 'while looking up its webhook registrations',
	create: 'while registering the webhook',
};

/**
 * The activation error for a Payroll call that did not succeed. n8n shows only the message of an
 * activation error in places (the workflow list, the log), so the message names the fault and the
 * description says what to change.
 */
export function registrationError(
	node: INode,
	outcome: SendOutcome,
	business: PayrollBusiness,
	step: RegistrationStep,
	url: string,
): NodeOperationError {
	const doing = DOING[step];
	const tries = outcome.attempts === 1 ? '1 attempt' : `${outcome.attempts} attempts`;

	if (!outcome.response) {
		const code = networkCodeOf(outcome.error);
		if (code === undefined && outcome.error instanceof Error) {
			return new NodeOperationError(node, outcome.error, {
				description: `Employment Hero Payroll failed ${doing}. Check the Employment Hero Payroll API credential, then activate again.`,
			});
		}
		// The code stays out of the message, where n8n would swap the message for a generic one.
		return new NodeOperationError(
			node,
			`Could not reach Employment Hero Payroll at ${business.baseUrl} ${doing}`,
			{
				description:
					`No answer (${code ?? 'none'} after ${tries}). Check the Region (or Base URL) of the ` +
					'Employment Hero Payroll API credential and that n8n can reach it, then activate again.',
			},
		);
	}

	const { statusCode, body } = outcome.response;
	const said = serverMessage(body);
	const saidSuffix = said ? `: ${said}` : '';
	const b = business.businessId;

	if (statusCode === 401) {
		return new NodeOperationError(node, `Employment Hero Payroll rejected the API key ${doing}`, {
			description:
				'Check the API key and the Region of the Employment Hero Payroll API credential: a key is unknown outside its own region.',
		});
	}
	if (statusCode === 403) {
		return new NodeOperationError(node, `Employment Hero Payroll refused access to business ${b}`, {
			description: `Check that the user who owns the API key may manage the webhooks of business ${b}.`,
		});
	}
	if (statusCode === 404) {
		return new NodeOperationError(node, `Employment Hero Payroll has no business ${b}`, {
			description:
				'Check the Business ID in the trigger, and the Region or Base URL of the Employment Hero Payroll API credential.',
		});
	}
	if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
		return new NodeOperationError(
			node,
			`Employment Hero Payroll failed to answer ${doing} (HTTP ${statusCode} after ${tries})`,
			{
				description:
					'Payroll may be busy or down. n8n retries the activation; otherwise activate the workflow again later.',
			},
		);
	}
	return new NodeOperationError(
		node,
		`Employment Hero Payroll refused the webhook registration (HTTP ${statusCode})${saidSuffix}`,
		{
			description:
				`Payroll must reach ${url} from the internet: check that n8n's public address (WEBHOOK_URL) is right and uses HTTPS, ` +
				'that the URL answers GET requests (n8n must be reachable), and that the selected Events exist in Payroll.',
		},
	);
}

/** A short human message from an error body, if Payroll sent one. */
export function serverMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		return text === '' || text.startsWith('<') ? undefined : text.slice(0, 200);
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;

	const record = body as Record<string, unknown>;
	// ASP.NET validation answers: a general message, then the first field's complaint.
	const state = record.modelState ?? record.ModelState;
	if (state !== null && typeof state === 'object') {
		const first = Object.values(state as Record<string, unknown>).flat()[0];
		if (typeof first === 'string' && first.trim() !== '') return first.trim().slice(0, 200);
	}
	for (const key of ['message', 'Message', 'error_description', 'error']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
	}
	return undefined;
}
