/**
 * The server SDK's database layer: opening PGlite or PostgreSQL, the schema's table types,
 * migrations, transactions with retry, and mapping driver errors to MediaError.
 *
 * @packageDocumentation
 */
export type {
  CommonDatabaseConfig,
  ConnectionStringDatabaseConfig,
  CreateDatabaseConfig,
  DatabaseDialect,
  KyselyDatabaseConfig,
  MediaDatabaseHandle,
  PGliteDatabaseConfig,
  PoolDatabaseConfig,
} from './createDatabase';
export { createDatabase } from './createDatabase';
export { containsPattern, escapeLikePattern } from './escapeLikePattern';
export { isUuid } from './isUuid';
export type {
  GeneratedTimestamp,
  JsonObject,
  MediaDatabase,
  MediaFileHistoryRow,
  MediaFileHistoryTable,
  MediaFileRow,
  MediaFilesTable,
  MediaFileUpdate,
  MediaFileVersionRow,
  MediaFileVersionsTable,
  MediaOperationItemRow,
  MediaOperationItemsTable,
  MediaOperationRow,
  MediaOperationsTable,
  MediaOperationUpdate,
  MediaStatsDailyTable,
  MediaStorageIntentsTable,
  MediashelfMigrationsTable,
  MediaUsageRow,
  MediaUsageTable,
  NewMediaFileHistoryRow,
  NewMediaFileRow,
  NewMediaFileVersionRow,
  NewMediaOperationItemRow,
  NewMediaOperationRow,
  NewMediaUsageRow,
  OperationItemState,
  Timestamp,
} from './MediaDatabase';
export { Mutex, MutexTimeoutError } from './Mutex';
export {
  isConnectionError,
  isRetryableTransactionError,
  mapDatabaseError,
  SQLSTATE,
  sqlStateOf,
} from './mapDatabaseError';
export type { Migration } from './migrations/Migration';
export { mediaMigrations } from './migrations/mediaMigrations';
export type { PGliteClient } from './PGliteConnection';
export { PGliteDialect } from './PGliteDialect';
export type { PGliteDialectConfig } from './PGliteDriver';
export { PGliteDriver } from './PGliteDriver';
export type { PgPoolClientLike, PgPoolLike, PgTypesLike } from './PgPoolLike';
export { INT8_OID, parseInt8 } from './parseInt8';
export type { AppliedMigration, MigrationOptions, MigrationStatus } from './runMigrations';
export { MIGRATION_LOCK_KEY, migrationStatus, runMigrations } from './runMigrations';
export type { WithTransactionOptions } from './withTransaction';
export { withTransaction } from './withTransaction';
