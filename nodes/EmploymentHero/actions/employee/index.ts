import { employeeResource } from '../../../shared/api';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description = employeeResource(get.description, getAll.description);
