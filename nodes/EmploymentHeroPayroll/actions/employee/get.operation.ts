import { employeeGetOperation, segment } from '../../../shared/api';
import { payrollGetRecord } from '../../transport';
import { businessIdField } from '../common.descriptions';

/** One employee by ID; a 404 sends the item to `Not Found` as a deletion. */
export const { description, execute } = employeeGetOperation({
	parent: businessIdField(['get']),
	async fetch(businessId, employeeId, itemIndex) {
		const employees = `/api/v2/business/${segment(businessId)}/employee/unstructured`;
		const path = `${employees}/${segment(employeeId)}`;
		return await payrollGetRecord.call(this, businessId, path, itemIndex);
	},
});
