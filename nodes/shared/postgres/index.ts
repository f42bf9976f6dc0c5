export { DEFAULT_POOL_LIMITS, PostgresCredentialError, toPoolConfig, type PoolLimits } from './config';
export { closeAllPools, getPool, releasePool } from './pool';
export { quoteTableName, TableNameError, type QuotedTableName } from './tableName';
export {
	describePostgresError,
	DUPLICATE_TABLE,
	postgresErrorCode,
	UNDEFINED_COLUMN,
	UNDEFINED_TABLE,
	UNIQUE_VIOLATION,
} from './errors';
