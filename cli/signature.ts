import { signBody } from '../nodes/EmploymentHeroTrigger/signature';

export { signBody };

/** The header line as it is sent, e.g. `ms-signature: 5f1c…`. */
export function headerLine(header: string, body: Buffer, secret: string): string {
	return `${header}: ${signBody(body, secret)}`;
}
