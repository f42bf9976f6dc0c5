import { createRouter } from '../../shared/api';
import * as employee from './employee';

export const router = createRouter({
	'employee:get': employee.get.execute,
	'employee:getAll': employee.getAll.execute,
});
