import type { CredentialJson } from './types';

export interface WebhookCredentialOptions {
	id: string;
	secret: string;
	/** The secret being rotated out, still accepted while set. */
	previousSecret?: string;
}

/**
 * An `employmentHeroWebhookApi` credential for `import:credentials`. Its name is its id, which is
 * what `handoffWorkflow` refers to it by.
 */
export function webhookCredential(options: WebhookCredentialOptions): CredentialJson {
	return {
		id: options.id,
		name: options.id,
		type: 'employmentHeroWebhookApi',
		data: {
			secret: options.secret,
			...(options.previousSecret === undefined ? {} : { previousSecret: options.previousSecret }),
		},
	};
}
