// Seeding of the query benchmark: one tenant with SEED.files media rows, set-based
// (`INSERT ... SELECT ... FROM generate_series`), after the real migrations.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { MediaDatabase } from '../../src/server/db';
import { mediaMigrations } from '../../src/server/db';
import { serviceSupport } from '../../src/server/db/migrations/serviceSupport';

/** Bump when the generated data changes: a reused PostgreSQL schema is keyed by it. */
export const SEED_VERSION = 1;

export const SEED = {
  tenant: 'bench-tenant',
  files: Number(process.env.BENCH_DB_FILES ?? 1_000_000),
} as const;

/**
 * Search terms and how often they occur among the seeded names (every name is
 * `<Category> <subject> <n>.<ext>`, plus a marker word on a few rows):
 * - `lecture`: one of 10 equally likely categories, ~10% of rows (~100k);
 * - `biology`: one of 40 subjects, ~2.5% (~25k);
 * - `axolotl`: rows with i % 1000 = 7, ~1k;
 * - `quokka`: rows with i % 100000 = 12345, ~10;
 * - `ch`: 2 characters, in several categories and subjects (~40%);
 * - `kk`: 2 characters, only in `quokka` (~10).
 */
export const TERMS = {
  common: 'lecture',
  medium: 'biology',
  uncommon: 'axolotl',
  rare: 'quokka',
  twoCommon: 'ch',
  twoRare: 'kk',
} as const;

const CATEGORIES = [
  'Lecture',
  'Slides',
  'Worksheet',
  'Recording',
  'Handout',
  'Diagram',
  'Summary',
  'Exercise',
  'Syllabus',
  'Notes',
];
const SUBJECTS = [
  'biology',
  'chemistry',
  'physics',
  'algebra',
  'geometry',
  'calculus',
  'statistics',
  'history',
  'geography',
  'literature',
  'poetry',
  'grammar',
  'spanish',
  'french',
  'german',
  'latin',
  'music',
  'painting',
  'sculpture',
  'drama',
  'economics',
  'finance',
  'marketing',
  'management',
  'law',
  'ethics',
  'philosophy',
  'psychology',
  'sociology',
  'anatomy',
  'genetics',
  'ecology',
  'astronomy',
  'geology',
  'robotics',
  'programming',
  'databases',
  'networks',
  'security',
  'design',
];

/**
 * A pseudo-random int in [0, 2^31 - 1) from the row number `i`: two rounds of multiply-add
 * modulo the prime 2^31 - 1, each followed by an xor-shift so the rounds don't compose into one
 * linear function. Integer arithmetic only (md5 per value was most of the seed time), and the
 * same on every run and engine.
 */
function mix(k: number): string {
  const a = [0, 1103515245, 1664525, 22695477, 134775813, 214013][k];
  const c = [0, 1812433253, 69069, 1566083941, 1597334677, 747796405][k];
  const round = (x: string, m: number, add: number) => `((${x} * ${m}::bigint + ${add}) % 2147483647)`;
  const xorshift = (x: string, bits: number) => `(${x} # (${x} >> ${bits}))`;
  return xorshift(round(xorshift(round('i', a ?? 1, 12345 * k), 15), c ?? 1, 7919 * k), 13);
}

const textArray = (values: readonly string[]) =>
  `ARRAY[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ')}]`;

/**
 * Key of the seeded data set: the seed version, its size and every migration statement, so a
 * changed index or trigger makes a new PostgreSQL schema (and a new seed).
 */
export function seedKey(): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ SEED_VERSION, files: SEED.files, CATEGORIES, SUBJECTS }));
  for (const migration of mediaMigrations) hash.update(JSON.stringify(migration));
  return hash.digest('hex').slice(0, 10);
}

/**
 * (`OFFSET 0` keeps the planner from inlining the random numbers into every expression using
 * them, which would compute each md5 a dozen times.) The rows come out in generate_series order.
 *
 * The files: chronological (upload_date grows with i, ms precision, spread over 3 years up to
 * `anchor`), so the heap is roughly in upload order as in a real library; kinds 40% image, 30%
 * document, 15% video, 8% audio, 7% other; 3% in the trash, 0.2% processing; 41% of the active
 * ones used by 1 to 3 resources (`usage_count` set here, the usage rows follow from it).
 */
export function insertFilesSql(anchorIso: string): string {
  const span = 3 * 365 * 86_400_000;
  const step = Math.floor(span / SEED.files);
  return `
INSERT INTO media_files (tenant_id, owner_id, file_name, original_file_name, file_size, file_type, kind,
  storage_key, checksum_sha256, status, version, usage_count, upload_date, created_at, updated_at, deleted_at)
SELECT '${SEED.tenant}', 'user-' || (r5 % 200), name, name, size, file_type, kind,
  'bench/' || i, md5(i::text) || md5((i + r5)::text),
  status, 1 + (r5 % 3 = 0)::int,
  CASE WHEN status = 'active' AND r3 % 100 < 41 THEN 1 + (r3 % 7 = 0)::int + (r3 % 5 = 0)::int ELSE 0 END,
  uploaded, uploaded, uploaded,
  CASE WHEN status = 'deleted' THEN timestamptz '${anchorIso}' - (r4 % 2592000) * interval '1 second' END
FROM (
  SELECT i, r1, r2, r3, r4, r5, kind, status,
    timestamptz '${anchorIso}' - ((${SEED.files} - i) * ${step}::bigint + r4 % ${step}) * interval '1 millisecond' AS uploaded,
    (${textArray(CATEGORIES)})[1 + r1 % ${CATEGORIES.length}]
      || CASE WHEN i % 100000 = 12345 THEN ' quokka' WHEN i % 1000 = 7 THEN ' axolotl' ELSE '' END
      || ' ' || (${textArray(SUBJECTS)})[1 + r2 % ${SUBJECTS.length}]
      || ' ' || (i % 997) || '.' || ext AS name,
    CASE kind WHEN 'image' THEN 50000 + r5 % 8000000 WHEN 'document' THEN 20000 + r5 % 5000000
      WHEN 'video' THEN 5000000 + r5::bigint * 3 % 1500000000 WHEN 'audio' THEN 1000000 + r5 % 50000000
      ELSE r5 % 20000000 END AS size,
    CASE ext WHEN 'jpg' THEN 'image/jpeg' WHEN 'png' THEN 'image/png' WHEN 'webp' THEN 'image/webp'
      WHEN 'pdf' THEN 'application/pdf'
      WHEN 'docx' THEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      WHEN 'pptx' THEN 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
      WHEN 'mp4' THEN 'video/mp4' WHEN 'webm' THEN 'video/webm' WHEN 'mp3' THEN 'audio/mpeg'
      WHEN 'm4a' THEN 'audio/mp4' WHEN 'zip' THEN 'application/zip' ELSE 'text/csv' END AS file_type
  FROM (
    SELECT *, (CASE kind WHEN 'image' THEN ARRAY['jpg', 'png', 'webp'] WHEN 'document' THEN ARRAY['pdf', 'docx', 'pptx']
        WHEN 'video' THEN ARRAY['mp4', 'webm'] WHEN 'audio' THEN ARRAY['mp3', 'm4a'] ELSE ARRAY['zip', 'csv'] END
      )[1 + r4 % 2 + (r4 % 5 = 0 AND kind IN ('image', 'document'))::int] AS ext
    FROM (
      SELECT *,
        CASE WHEN r1 % 100 < 40 THEN 'image' WHEN r1 % 100 < 70 THEN 'document' WHEN r1 % 100 < 85 THEN 'video'
          WHEN r1 % 100 < 93 THEN 'audio' ELSE 'other' END AS kind,
        CASE WHEN r2 % 1000 < 30 THEN 'deleted' WHEN r2 % 1000 < 32 THEN 'processing' ELSE 'active' END AS status
      FROM (
        SELECT i, ${[1, 2, 3, 4, 5].map((k) => `${mix(k)} AS r${k}`).join(', ')}
        FROM generate_series(1, ${SEED.files}) AS i
        OFFSET 0
      ) AS r
      OFFSET 0
    ) AS k
  ) AS e
) AS rows`;
}

/** One usage row per unit of `usage_count`: distinct resource types, so UNIQUE holds. */
const insertUsageSql = `
INSERT INTO media_usage (media_id, tenant_id, resource_type, resource_id, resource_title, linked_at)
SELECT f.id, f.tenant_id, (ARRAY['course', 'chapter', 'lesson'])[n],
  'res-' || ((substr(f.storage_key, 7)::int * 7 + n) % 50000),
  'Resource ' || ((substr(f.storage_key, 7)::int * 7 + n) % 50000),
  f.upload_date + n * interval '1 hour'
FROM media_files f CROSS JOIN LATERAL generate_series(1, f.usage_count) AS n
WHERE f.tenant_id = '${SEED.tenant}' AND f.usage_count > 0`;

// biome-ignore lint/suspicious/noExplicitAny: raw statements on any migrated database.
type AnyDb = Kysely<any>;

const run = (db: AnyDb, statement: string) => sql.raw(statement).execute(db);

/** The statements of the stats migration that rebuild `media_stats_daily` from the files. */
function statsRebuildStatements(): string[] {
  const rebuild = serviceSupport.statements.filter(
    (statement) =>
      statement === 'DELETE FROM media_stats_daily' ||
      statement.trimStart().startsWith('INSERT INTO media_stats_daily'),
  );
  if (rebuild.length !== 2) throw new Error('serviceSupport no longer has the stats rebuild statements');
  return rebuild;
}

export interface SeedTimings {
  filesMs: number;
  usageMs: number;
  indexesMs: number;
  statsMs: number;
  vacuumMs: number;
  totalMs: number;
}

/** Indexes of the seeded tables that no constraint owns: dropped for the load, rebuilt after. */
const secondaryIndexesSql = `
  SELECT indexname AS name, indexdef AS definition FROM pg_indexes i
  WHERE schemaname = current_schema() AND tablename IN ('media_files', 'media_usage')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c
      WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
  ORDER BY indexname`;

/**
 * Seeds the migrated database `db` (one connection: PGlite, or a pinned pooled connection) in
 * one transaction.
 *
 * For speed the secondary indexes (every index no constraint owns) are dropped and rebuilt from
 * their exact `pg_indexes` definitions after the load (a sorted build instead of 1M inserts into
 * each btree and the trigram GIN), and the two row triggers are disabled for the load; the data
 * they keep is produced set-based instead: `usage_count` is written with the files and the
 * usage rows follow from it, and `media_stats_daily` is rebuilt by the migration's own rebuild
 * statements. Triggers and indexes are back before commit; {@link verifySeed} checks the counters
 * and the stats against the rows and that the triggers fire.
 */
export async function seed(db: AnyDb, anchor: Date): Promise<SeedTimings> {
  const started = performance.now();
  const timings: SeedTimings = { filesMs: 0, usageMs: 0, indexesMs: 0, statsMs: 0, vacuumMs: 0, totalMs: 0 };
  await sql.raw('BEGIN').execute(db);
  try {
    await run(db, "SET LOCAL maintenance_work_mem = '256MB'");
    const indexes = (await sql.raw<{ name: string; definition: string }>(secondaryIndexesSql).execute(db))
      .rows;
    for (const index of indexes) await run(db, `DROP INDEX "${index.name}"`);
    await run(db, 'ALTER TABLE media_files DISABLE TRIGGER media_files_stats_trigger');
    await run(db, 'ALTER TABLE media_usage DISABLE TRIGGER media_usage_count_trigger');
    let mark = performance.now();
    await run(db, insertFilesSql(anchor.toISOString()));
    timings.filesMs = performance.now() - mark;
    mark = performance.now();
    await run(db, insertUsageSql);
    timings.usageMs = performance.now() - mark;
    mark = performance.now();
    for (const index of indexes) await run(db, index.definition);
    timings.indexesMs = performance.now() - mark;
    const rebuilt = (await sql.raw<{ name: string; definition: string }>(secondaryIndexesSql).execute(db))
      .rows;
    if (JSON.stringify(rebuilt) !== JSON.stringify(indexes)) throw new Error('the rebuilt indexes differ');
    mark = performance.now();
    for (const statement of statsRebuildStatements()) await run(db, statement);
    timings.statsMs = performance.now() - mark;
    await run(db, 'ALTER TABLE media_files ENABLE TRIGGER media_files_stats_trigger');
    await run(db, 'ALTER TABLE media_usage ENABLE TRIGGER media_usage_count_trigger');
    await sql.raw('COMMIT').execute(db);
  } catch (error) {
    await sql.raw('ROLLBACK').execute(db);
    throw error;
  }
  const mark = performance.now();
  await run(db, 'VACUUM ANALYZE');
  timings.vacuumMs = performance.now() - mark;
  timings.totalMs = performance.now() - started;
  return timings;
}

export interface SeedFacts {
  files: number;
  active: number;
  deleted: number;
  processing: number;
  used: number;
  usageRows: number;
  byKind: Record<string, number>;
  /** Active files whose lower(file_name) contains each term. */
  termMatches: Record<string, number>;
  statsRows: number;
}

/**
 * Checks that the seed is what the triggers would have produced: every `usage_count` equals its
 * usage rows, `media_stats_daily` equals the aggregate of the files, and the triggers are live
 * (a link and an unlink in a rolled-back transaction move both). Throws on any mismatch.
 */
export async function verifySeed(database: AnyDb): Promise<SeedFacts> {
  // One connection: the trigger check below runs in a transaction of its own.
  return database.connection().execute((db) => verifyOnConnection(db));
}

async function verifyOnConnection(db: AnyDb): Promise<SeedFacts> {
  const one = async <T>(statement: string) => (await sql.raw<T>(statement).execute(db)).rows[0] as T;
  const drift = await one<{ n: number }>(`
    SELECT count(*)::int AS n FROM media_files f
    LEFT JOIN (SELECT media_id, count(*)::int AS c FROM media_usage GROUP BY media_id) u ON u.media_id = f.id
    WHERE f.usage_count <> coalesce(u.c, 0)`);
  if (drift.n !== 0) throw new Error(`${drift.n} files have a usage_count that disagrees with media_usage`);
  const statsDrift = await one<{ n: number }>(`
    SELECT count(*)::int AS n FROM (
      SELECT tenant_id, status, kind, usage_count > 0 AS used, (upload_date AT TIME ZONE 'UTC')::date AS upload_day,
        count(*)::bigint AS file_count, sum(file_size)::bigint AS total_size
      FROM media_files WHERE status IN ('active', 'deleted') GROUP BY 1, 2, 3, 4, 5
    ) a FULL JOIN (SELECT * FROM media_stats_daily WHERE file_count <> 0) s
      USING (tenant_id, status, kind, used, upload_day)
    WHERE a.file_count IS DISTINCT FROM s.file_count OR a.total_size IS DISTINCT FROM s.total_size`);
  if (statsDrift.n !== 0) throw new Error(`${statsDrift.n} media_stats_daily rows disagree with media_files`);

  // The triggers are enabled: linking an unused file moves usage_count and the stats.
  await sql.raw('BEGIN').execute(db);
  try {
    const file = await one<{ id: string; day: string; kind: string; file_size: number }>(`
      SELECT id, (upload_date AT TIME ZONE 'UTC')::date::text AS day, kind, file_size FROM media_files
      WHERE tenant_id = '${SEED.tenant}' AND status = 'active' AND usage_count = 0 LIMIT 1`);
    const usedOnDay = `SELECT coalesce(sum(file_count), 0)::int AS n FROM media_stats_daily
      WHERE tenant_id = '${SEED.tenant}' AND status = 'active' AND kind = '${file.kind}' AND used
        AND upload_day = '${file.day}'`;
    const before = await one<{ n: number }>(usedOnDay);
    await run(
      db,
      `INSERT INTO media_usage (media_id, tenant_id, resource_type, resource_id)
        VALUES ('${file.id}', '${SEED.tenant}', 'course', 'verify-seed')`,
    );
    const after = await one<{ n: number }>(usedOnDay);
    const count = await one<{ usage_count: number }>(
      `SELECT usage_count FROM media_files WHERE id = '${file.id}'`,
    );
    if (count.usage_count !== 1 || after.n !== before.n + 1) {
      throw new Error('the usage_count / media_stats_daily triggers did not fire after the seed');
    }
  } finally {
    await sql.raw('ROLLBACK').execute(db);
  }

  const totals = await one<Omit<SeedFacts, 'byKind' | 'termMatches'>>(`
    SELECT count(*)::int AS files,
      count(*) FILTER (WHERE status = 'active')::int AS active,
      count(*) FILTER (WHERE status = 'deleted')::int AS deleted,
      count(*) FILTER (WHERE status = 'processing')::int AS processing,
      count(*) FILTER (WHERE usage_count > 0)::int AS used,
      (SELECT count(*)::int FROM media_usage) AS "usageRows",
      (SELECT count(*)::int FROM media_stats_daily) AS "statsRows"
    FROM media_files WHERE tenant_id = '${SEED.tenant}'`);
  const kinds = await sql
    .raw<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM media_files WHERE tenant_id = '${SEED.tenant}' AND status = 'active'
        GROUP BY kind ORDER BY kind`,
    )
    .execute(db);
  const termColumns = Object.entries(TERMS)
    .map(([name, term]) => `count(*) FILTER (WHERE lower(file_name) LIKE '%${term}%')::int AS "${name}"`)
    .join(', ');
  const termMatches = await one<Record<string, number>>(
    `SELECT ${termColumns} FROM media_files WHERE tenant_id = '${SEED.tenant}' AND status = 'active'`,
  );
  return {
    ...totals,
    byKind: Object.fromEntries(kinds.rows.map((row) => [row.kind, row.n])),
    termMatches,
  };
}

export type { MediaDatabase };
