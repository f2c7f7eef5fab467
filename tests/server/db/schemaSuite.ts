import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import {
  type MediaDatabase,
  type MediaDatabaseHandle,
  mapDatabaseError,
  migrationStatus,
  type NewMediaFileRow,
  runMigrations,
} from '../../../src/server/db';

// Starting PGlite takes several seconds, more on a busy machine.
const PGLITE_TEST_TIMEOUT = 60_000;

/** Columns every table must have, per DESIGN §3 and the additions of the database layer. */
export const expectedColumns: Record<string, string[]> = {
  media_files: [
    'id',
    'tenant_id',
    'owner_id',
    'file_name',
    'original_file_name',
    'file_size',
    'file_type',
    'kind',
    'storage_key',
    'checksum_sha256',
    'status',
    'version',
    'usage_count',
    'upload_date',
    'created_at',
    'updated_at',
    'deleted_at',
  ],
  media_file_history: [
    'id',
    'media_id',
    'tenant_id',
    'actor_id',
    'operation',
    'operation_data',
    'timestamp',
    'seq',
  ],
  media_usage: ['id', 'media_id', 'tenant_id', 'resource_type', 'resource_id', 'resource_title', 'linked_at'],
  media_file_versions: [
    'id',
    'media_id',
    'tenant_id',
    'version_number',
    'storage_key',
    'file_size',
    'file_type',
    'checksum',
    'replaced_at',
  ],
  media_operations: [
    'id',
    'tenant_id',
    'actor_id',
    'type',
    'status',
    'total',
    'processed',
    'failed_count',
    'error',
    'created_at',
    'updated_at',
    'finished_at',
    'locked_by',
    'locked_until',
    'attempts',
  ],
  media_operation_items: [
    'operation_id',
    'position',
    'tenant_id',
    'media_id',
    'state',
    'code',
    'message',
    'updated_at',
  ],
  media_stats_daily: ['tenant_id', 'status', 'kind', 'used', 'upload_day', 'file_count', 'total_size'],
  media_storage_intents: ['storage_key', 'tenant_id', 'reason', 'created_at'],
  mediashelf_migrations: ['name', 'applied_at'],
};

/** Every migration of the library, in order. */
const ALL_MIGRATIONS = ['0001_initial_schema', '0002_service_support'];

/** Index name -> a fragment its definition must contain. */
export const expectedIndexes: Record<string, string> = {
  media_files_pkey: '(id)',
  media_files_storage_key_key: 'UNIQUE INDEX media_files_storage_key_key ON',
  media_files_keyset_upload_idx: '(tenant_id, status, upload_date DESC, id DESC)',
  media_files_keyset_name_idx: '(tenant_id, status, lower(file_name), id)',
  media_files_keyset_size_idx: '(tenant_id, status, file_size, id)',
  media_files_name_trgm_idx: 'gin (lower(file_name) gin_trgm_ops)',
  media_files_tenant_kind_idx: '(tenant_id, kind, status)',
  media_files_unused_idx: '(tenant_id, upload_date) INCLUDE (file_size) WHERE ((status = ',
  media_files_trash_idx: '(deleted_at) WHERE (status = ',
  media_file_history_media_idx: '(media_id, "timestamp" DESC, id DESC)',
  media_usage_media_resource_key: 'UNIQUE INDEX media_usage_media_resource_key ON',
  media_usage_resource_idx: '(tenant_id, resource_type, resource_id)',
  media_file_versions_media_version_key: '(media_id, version_number)',
  media_file_versions_storage_key_idx: '(storage_key)',
  media_operations_tenant_idx: '(tenant_id, created_at DESC, id DESC)',
  media_operations_runnable_idx: '(created_at) WHERE',
  media_operation_items_pkey: '(operation_id, "position")',
  media_operation_items_pending_idx: `WHERE (state = 'pending'::text)`,
  media_file_history_seq_idx: '(media_id, seq DESC)',
  media_stats_daily_pkey: '(tenant_id, status, kind, used, upload_day)',
  media_storage_intents_pkey: '(storage_key)',
};

/** A valid media_files row for `tenant`, with a unique storage key. */
export function newFile(tenant: string, overrides: Partial<NewMediaFileRow> = {}): NewMediaFileRow {
  return {
    tenant_id: tenant,
    owner_id: 'user-1',
    file_name: 'Lecture 1.mp4',
    original_file_name: 'Lecture 1.mp4',
    file_size: 1024,
    file_type: 'video/mp4',
    kind: 'video',
    storage_key: `objects/${randomUUID()}`,
    ...overrides,
  };
}

/**
 * The schema tests shared by PGlite and PostgreSQL: `open` gives a database with nothing
 * migrated; the suite migrates it in its first test.
 */
export function defineSchemaSuite(open: () => MediaDatabaseHandle): void {
  let db: Kysely<MediaDatabase>;
  let tenant: string;

  beforeAll(() => {
    db = open().db;
  });

  const insertFile = async (overrides: Partial<NewMediaFileRow> = {}) =>
    db.insertInto('media_files').values(newFile(tenant, overrides)).returningAll().executeTakeFirstOrThrow();

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'the statement should have failed').toBeDefined();
    return mapDatabaseError(error);
  };

  it('reports the migration as pending, applies it once, and a second run is a no-op', async () => {
    tenant = `t-${randomUUID()}`;
    const before = await migrationStatus(db);
    expect(before).toEqual({ applied: [], pending: ALL_MIGRATIONS, unknown: [] });
    expect(await runMigrations(db)).toEqual(ALL_MIGRATIONS);
    expect(await runMigrations(db)).toEqual([]);
    const after = await migrationStatus(db);
    expect(after.pending).toEqual([]);
    expect(after.applied.map((m) => m.name)).toEqual(ALL_MIGRATIONS);
    expect(after.applied[0]?.appliedAt).toBeInstanceOf(Date);
  });

  it('creates every table with every column', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
    const actual: Record<string, string[]> = {};
    for (const row of rows.rows)
      actual[row.table_name] = [...(actual[row.table_name] ?? []), row.column_name];
    expect(actual).toEqual(expectedColumns);
  });

  it('creates every index with the intended definition', async () => {
    const rows = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where schemaname = current_schema()`.execute(db);
    const definitions = new Map(rows.rows.map((row) => [row.indexname, row.indexdef]));
    for (const [name, fragment] of Object.entries(expectedIndexes)) {
      expect(definitions.get(name), name).toContain(fragment);
    }
  });

  it('stores sizes as bigint and reads them back as numbers', async () => {
    const file = await insertFile({ file_size: 6_000_000_000 });
    expect(file.file_size).toBe(6_000_000_000);
    const count = await db
      .selectFrom('media_files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    expect(file).toMatchObject({ status: 'active', version: 1, usage_count: 0, deleted_at: null });
    expect(file.upload_date).toBeInstanceOf(Date);
  });

  it('refuses invalid rows with constraint errors mapped to MediaError codes', async () => {
    const base = await insertFile();
    expect(await failure(insertFile({ storage_key: base.storage_key }))).toMatchObject({
      code: 'CONFLICT',
      details: { constraint: 'media_files_storage_key_key' },
    });
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid values.
    const invalid = (values: Record<string, unknown>) => insertFile(values as any);
    expect((await failure(invalid({ kind: 'spreadsheet' }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(invalid({ status: 'archived' }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(invalid({ file_size: -1 }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(invalid({ file_name: '' }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(invalid({ file_name: 'x'.repeat(256) }))).code).toBe('VALIDATION_ERROR');
    expect((await failure(invalid({ checksum_sha256: 'not-hex' }))).code).toBe('VALIDATION_ERROR');
    expect(await failure(invalid({ status: 'deleted' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { constraint: 'media_files_deleted_at_check' },
    });
    const trashed = await insertFile({ status: 'deleted', deleted_at: new Date() });
    expect(trashed.status).toBe('deleted');
    expect(
      (await failure(db.selectFrom('media_files').selectAll().where('id', '=', 'not-a-uuid').execute())).code,
    ).toBe('NOT_FOUND');
  });

  it('keeps usage unique per resource, per tenant, and usage_count in step', async () => {
    const file = await insertFile();
    const link = (resourceId: string, tenantId = tenant) =>
      db
        .insertInto('media_usage')
        .values({ media_id: file.id, tenant_id: tenantId, resource_type: 'course', resource_id: resourceId })
        .execute();
    await link('c1');
    await link('c2');
    expect(await failure(link('c1'))).toMatchObject({
      code: 'CONFLICT',
      details: { constraint: 'media_usage_media_resource_key' },
    });
    // The composite foreign key: another tenant cannot link this tenant's file.
    expect(await failure(link('c3', `${tenant}-other`))).toMatchObject({
      code: 'NOT_FOUND',
      details: { constraint: 'media_usage_media_fk' },
    });
    const count = async () =>
      (
        await db
          .selectFrom('media_files')
          .select('usage_count')
          .where('id', '=', file.id)
          .executeTakeFirstOrThrow()
      ).usage_count;
    expect(await count()).toBe(2);
    await db
      .deleteFrom('media_usage')
      .where('media_id', '=', file.id)
      .where('resource_id', '=', 'c1')
      .execute();
    expect(await count()).toBe(1);
    // The unused partial index sees the file again once its last link goes.
    await db.deleteFrom('media_usage').where('media_id', '=', file.id).execute();
    expect(await count()).toBe(0);
  });

  it('cascades a file delete to its usage, history and versions', async () => {
    const file = await insertFile();
    await db
      .insertInto('media_usage')
      .values({ media_id: file.id, tenant_id: tenant, resource_type: 'lesson', resource_id: 'l1' })
      .execute();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('media_file_history')
        .values({ media_id: file.id, tenant_id: tenant, operation: 'upload', operation_data: { size: 1024 } })
        .execute();
      await trx
        .insertInto('media_file_history')
        .values({ media_id: file.id, tenant_id: tenant, operation: 'link', operation_data: {} })
        .execute();
    });
    await db
      .insertInto('media_file_versions')
      .values({
        media_id: file.id,
        tenant_id: tenant,
        version_number: 1,
        storage_key: file.storage_key,
        file_size: 1024,
        file_type: 'video/mp4',
      })
      .execute();
    const versionAgain = db
      .insertInto('media_file_versions')
      .values({
        media_id: file.id,
        tenant_id: tenant,
        version_number: 1,
        storage_key: 'other',
        file_size: 1,
        file_type: 'video/mp4',
      })
      .execute();
    expect((await failure(versionAgain)).code).toBe('CONFLICT');
    const history = await db
      .selectFrom('media_file_history')
      .select(['operation', 'operation_data'])
      .where('media_id', '=', file.id)
      .orderBy('timestamp', 'desc')
      .orderBy('id', 'desc')
      .execute();
    // clock_timestamp(): two entries of one transaction still come back newest first (now() would tie).
    expect(history.map((entry) => entry.operation)).toEqual(['link', 'upload']);
    expect(history[1]?.operation_data).toEqual({ size: 1024 });
    const badOperation = db
      .insertInto('media_file_history')
      // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid operation.
      .values({ media_id: file.id, tenant_id: tenant, operation: 'explode' as any })
      .execute();
    expect((await failure(badOperation)).code).toBe('VALIDATION_ERROR');

    await db.deleteFrom('media_files').where('id', '=', file.id).execute();
    for (const table of ['media_usage', 'media_file_history', 'media_file_versions'] as const) {
      const left = await db.selectFrom(table).select('id').where('media_id', '=', file.id).execute();
      expect(left, table).toEqual([]);
    }
  });

  it('records bulk operations with resumable items and consistent progress', async () => {
    const operation = await db
      .insertInto('media_operations')
      .values({ tenant_id: tenant, type: 'bulk-delete', total: 3 })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(operation).toMatchObject({ status: 'queued', processed: 0, failed_count: 0, finished_at: null });
    await db
      .insertInto('media_operation_items')
      .values(
        ['a', 'b', 'c'].map((id, position) => ({
          operation_id: operation.id,
          position,
          tenant_id: tenant,
          media_id: `not-a-uuid-${id}`,
        })),
      )
      .execute();
    await db
      .updateTable('media_operation_items')
      .set({ state: 'failed', code: 'NOT_FOUND', message: 'gone' })
      .where('operation_id', '=', operation.id)
      .where('position', '=', 0)
      .execute();
    const next = await db
      .selectFrom('media_operation_items')
      .select('position')
      .where('operation_id', '=', operation.id)
      .where('state', '=', 'pending')
      .orderBy('position')
      .execute();
    expect(next.map((item) => item.position)).toEqual([1, 2]);
    const failedWithoutCode = db
      .updateTable('media_operation_items')
      .set({ state: 'failed' })
      .where('operation_id', '=', operation.id)
      .where('position', '=', 1)
      .execute();
    expect((await failure(failedWithoutCode)).code).toBe('VALIDATION_ERROR');
    const overProcessed = db
      .updateTable('media_operations')
      .set({ processed: 4 })
      .where('id', '=', operation.id)
      .execute();
    expect((await failure(overProcessed)).code).toBe('VALIDATION_ERROR');
    const completedWithoutFinish = db
      .updateTable('media_operations')
      .set({ status: 'completed' })
      .where('id', '=', operation.id)
      .execute();
    expect((await failure(completedWithoutFinish)).code).toBe('VALIDATION_ERROR');
    await db
      .updateTable('media_operations')
      .set({ status: 'completed', processed: 3, failed_count: 1, finished_at: new Date() })
      .where('id', '=', operation.id)
      .execute();
    await db.deleteFrom('media_operations').where('id', '=', operation.id).execute();
    const items = await db
      .selectFrom('media_operation_items')
      .select('position')
      .where('operation_id', '=', operation.id)
      .execute();
    expect(items).toEqual([]);
  });

  it('rolls back a failing migration run completely and refuses duplicate names', async () => {
    const migrations = [
      { name: '9001_ok', statements: ['CREATE TABLE mediashelf_probe (n int)'] },
      {
        name: '9002_broken',
        statements: ['CREATE TABLE mediashelf_probe_2 (n int)', 'SELECT * FROM no_such_table'],
      },
    ];
    await expect(runMigrations(db, { migrations })).rejects.toMatchObject({ code: '42P01' });
    const probe = await sql<{
      found: string | null;
    }>`select to_regclass('mediashelf_probe')::text as found`.execute(db);
    expect(probe.rows[0]?.found).toBeNull();
    expect((await migrationStatus(db, { migrations })).pending).toEqual(['9001_ok', '9002_broken']);
    const duplicate = [migrations[0]!, { name: '9001_ok', statements: [] }];
    await expect(runMigrations(db, { migrations: duplicate })).rejects.toThrow(/Duplicate migration name/);
    // Recorded migrations this code does not know are reported, not touched.
    expect((await migrationStatus(db, { migrations: [] })).unknown).toEqual(ALL_MIGRATIONS);
  });

  it('runs the migrations inside a caller transaction when given one', async () => {
    const applied = await db.transaction().execute((trx) => runMigrations(trx));
    expect(applied).toEqual([]);
  });

  it(
    'answers lower(file_name) LIKE with the trigram index once the table is large',
    async () => {
      await sql`
      insert into media_files (tenant_id, file_name, original_file_name, file_size, file_type, kind, storage_key)
      select ${tenant}, 'Week ' || g || ' lecture ' || md5(g::text) || '.mp4', 'x.mp4', g, 'video/mp4', 'video',
             'bulk/' || ${tenant} || '/' || g
      from generate_series(1, 20000) g`.execute(db);
      // What autovacuum does after a bulk load: it also flushes the GIN pending list, which the
      // planner otherwise costs as a scan of its own (a seed script should do the same).
      await sql`vacuum analyze media_files`.execute(db);
      const plan = await sql<{ 'QUERY PLAN': string }>`
      explain select id from media_files where lower(file_name) like ${'%ab12%'}`.execute(db);
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toContain('media_files_name_trgm_idx');
      const matches = await db
        .selectFrom('media_files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql`lower(file_name)`, 'like', '%week 19999 %')
        .executeTakeFirstOrThrow();
      expect(matches.n).toBe(1);
    },
    PGLITE_TEST_TIMEOUT,
  );
}
