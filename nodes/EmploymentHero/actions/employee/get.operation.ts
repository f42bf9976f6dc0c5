import { employeeGetOperation, segment } from '../../../shared/api';
import { hrGetRecord } from '../../transport';
import { organisationIdField } from '../common.descriptions';

/** One employee by ID; a 404 sends the item to `Not Found` as a deletion. */
export const { description, execute } = employeeGetOperation({
	parent: organisationIdField(['get']),
	async fetch(organisationId, employeeId, itemIndex) {
		const employees = `/api/v1/organisations/${segment(organisationId)}/employees`;
		const path = `${employees}/${segment(employeeId)}`;
		return await hrGetRecord.call(this, path, itemIndex);
	},
});
