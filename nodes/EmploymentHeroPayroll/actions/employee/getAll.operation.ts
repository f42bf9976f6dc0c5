import { employeeGetAllOperation, segment } from '../../../shared/api';
import { payrollGetAll } from '../../transport';
import { businessIdField } from '../common.descriptions';

/** The business's employees, 100 per request and at most 5 requests a second. */
export const { description, execute } = employeeGetAllOperation({
	parent: businessIdField(['getAll']),
	async fetchAll(businessId, itemIndex, limit) {
		const path = `/api/v2/business/${segment(businessId)}/employee/unstructured`;
		return await payrollGetAll.call(this, businessId, path, itemIndex, limit);
	},
});
