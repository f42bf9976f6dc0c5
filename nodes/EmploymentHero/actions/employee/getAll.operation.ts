import { employeeGetAllOperation, segment } from '../../../shared/api';
import { hrGetAll } from '../../transport';
import { organisationIdField } from '../common.descriptions';

/** The organisation's employees, page by page. */
export const { description, execute } = employeeGetAllOperation({
	parent: organisationIdField(['getAll']),
	async fetchAll(organisationId, itemIndex, limit) {
		const path = `/api/v1/organisations/${segment(organisationId)}/employees`;
		return await hrGetAll.call(this, path, itemIndex, limit);
	},
});
