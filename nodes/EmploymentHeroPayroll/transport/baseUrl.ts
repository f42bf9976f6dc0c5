import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import {
	PAYROLL_REGION_BASE_URLS,
} from '../../../credentials/EmploymentHeroPayrollApi.credentials';
import { normalizeBaseUrl } from '../../shared/api';

/** The Payroll API address for the credential's region; Singapore and Custom use its Base URL. */
export function payrollBaseUrl(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	itemIndex: number,
): string {
	const region = typeof credentials.region === 'string' ? credentials.region : 'au';
	const url = PAYROLL_REGION_BASE_URLS[region] ?? credentials.baseUrl;
	return normalizeBaseUrl(node, url, 'Employment Hero Payroll API', itemIndex);
}
