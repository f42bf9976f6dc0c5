import { workItem } from '../test/helpers/deliver';
import { sign } from '../test/helpers/sign';

/** One request body with its signature, made before the clock starts. */
export interface SignedDelivery {
	body: Buffer;
	signature: string;
}

let made = 0;

/**
 * `count` distinct Payroll work items (one EmployeeUpdated notification each), signed with the
 * test secret. Ids never repeat within a bench process, so every request in every cell is a new
 * delivery that the dedupe stores must accept.
 */
export function signedDeliveries(count: number): SignedDelivery[] {
	return Array.from({ length: count }, () => {
		made++;
		const body = Buffer.from(workItem(`bench-${process.pid}-${made}`, [['EmployeeUpdated', made]]));
		return { body, signature: sign(body) };
	});
}
