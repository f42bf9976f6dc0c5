import { createRouter } from '../../shared/api';
import * as employee from './employee';
import * as organisation from './organisation';

export const router = createRouter({
	'employee:get': employee.get.execute,
	'employee:getAll': employee.getAll.execute,
	'organisation:getAll': organisation.getAll.execute,
});
