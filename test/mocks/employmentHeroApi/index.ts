export { connectWithPkce } from './connect';
export { defaultData, hrId } from './fixtures';
export type {
	HrEmployee,
	HrOrganisation,
	MockData,
	PayrollBusiness,
	PayrollEmployee,
} from './fixtures';
export { ALL_SCOPES, type TokenSet } from './oauth';
export {
	TEST_CLIENT,
	startEmploymentHeroMock,
	type EmploymentHeroMock,
	type Fault,
	type MockOptions,
	type RecordedRequest,
} from './server';
export {
	PayrollWebhookRegistrations,
	type EchoCheck,
	type MockRegistration,
} from './webhookRegistrations';
