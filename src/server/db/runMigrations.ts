import { type Kysely, sql, type Transaction } from 'kysely';
import type { MediaDatabase } from './MediaDatabase';
import type { Migration } from './migrations/Migration';
import { mediaMigrations } from './migrations/mediaMigrations';

/**
 * Key of the transaction-scoped advisory lock that serialises migration runs across processes
 * (the ASCII bytes of "mediashe": a positive int8, unlikely to clash with a host's own keys).
 */
export const MIGRATION_LOCK_KEY = 0x6d65646961736865n;

/** Options of {@link runMigrations} and {@link migrationStatus}. */
export interface MigrationOptions {
  /** Migrations to apply instead of the library's own (tests, or an app extending the schema). */
  migrations?: readonly Migration[];
}

/** An applied migration as recorded in `mediashelf_migrations`. */
export interface AppliedMigration {
  name: string;
  appliedAt: Date;
}

/** What {@link migrationStatus} reports. */
export interface MigrationStatus {
  /** Recorded migrations, oldest first. */
  applied: AppliedMigration[];
  /** Known migrations not applied yet, in the order they would run. */
  pending: string[];
  /** Recorded migrations this code does not know (the database is newer than the code). */
  unknown: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: migrations accept any Kysely instance (the host's too).
type AnyKysely = Kysely<any>;

const createBookkeeping = `CREATE TABLE IF NOT EXISTS mediashelf_migrations (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Applies the pending migrations in order and returns their names (empty when the schema is up
 * to date, so a second run is a no-op).
 *
 * Everything runs in ONE read-committed transaction holding `pg_advisory_xact_lock`: when two
 * processes start at once, the second waits for the first to commit, then finds the migrations
 * recorded and applies nothing. A failing statement rolls back the whole run. Passed a
 * transaction, it runs inside it (the lock then lasts until the caller commits).
 */
export async function runMigrations(db: AnyKysely, options: MigrationOptions = {}): Promise<string[]> {
  const migrations = checkedMigrations(options.migrations ?? mediaMigrations);
  const run = async (trx: Transaction<MediaDatabase>): Promise<string[]> => {
    await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY.toString())}::bigint)`.execute(trx);
    await sql.raw(createBookkeeping).execute(trx);
    const rows = await trx.selectFrom('mediashelf_migrations').select('name').execute();
    const done = new Set(rows.map((row) => row.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await trx.insertInto('mediashelf_migrations').values({ name: migration.name }).execute();
      applied.push(migration.name);
    }
    return applied;
  };
  if (db.isTransaction) return run(db as Transaction<MediaDatabase>);
  // Read committed on purpose: once the lock is granted, the next statement sees what the
  // previous holder committed (a repeatable-read snapshot could predate that commit).
  return (db as Kysely<MediaDatabase>).transaction().setIsolationLevel('read committed').execute(run);
}

/** Which migrations are applied, pending or unknown to this code. Changes nothing. */
export async function migrationStatus(
  db: AnyKysely,
  options: MigrationOptions = {},
): Promise<MigrationStatus> {
  const migrations = checkedMigrations(options.migrations ?? mediaMigrations);
  const typed = db as Kysely<MediaDatabase>;
  const exists = await sql<{
    found: string | null;
  }>`select to_regclass('mediashelf_migrations')::text as found`.execute(typed);
  const rows =
    exists.rows[0]?.found == null
      ? []
      : await typed
          .selectFrom('mediashelf_migrations')
          .select(['name', 'applied_at'])
          .orderBy('applied_at')
          .orderBy('name')
          .execute();
  const recorded = new Set(rows.map((row) => row.name));
  const known = new Set(migrations.map((migration) => migration.name));
  return {
    applied: rows.map((row) => ({ name: row.name, appliedAt: row.applied_at })),
    pending: migrations
      .filter((migration) => !recorded.has(migration.name))
      .map((migration) => migration.name),
    unknown: rows.filter((row) => !known.has(row.name)).map((row) => row.name),
  };
}

function checkedMigrations(migrations: readonly Migration[]): readonly Migration[] {
  const seen = new Set<string>();
  for (const migration of migrations) {
    if (!migration.name) throw new TypeError('Every migration needs a name');
    if (seen.has(migration.name)) throw new TypeError(`Duplicate migration name: ${migration.name}`);
    seen.add(migration.name);
  }
  return migrations;
}
