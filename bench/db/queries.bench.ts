// Query benchmark of the server SDK: 1M media rows in PostgreSQL and in PGlite, the real
// service's listMedia/getAnalytics against the naive queries of the original seed plan.
//
//   npm run bench -- db
//
// Environment: DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test; unreachable
// means PGlite only), BENCH_DB_FILES (default 1000000), BENCH_DB_ENGINES (postgres,pglite),
// BENCH_DB_FRESH=1 (re-seed PostgreSQL even when a schema with this seed key exists),
// BENCH_DB_DROP=1 (drop the PostgreSQL schema at the end instead of keeping it for re-runs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  CompiledQuery,
  createQueryId,
  type Kysely,
  type KyselyPlugin,
  type RootOperationNode,
  sql,
} from 'kysely';
import pg from 'pg';
import {
  createDatabase,
  type MediaDatabase,
  type MediaDatabaseHandle,
  runMigrations,
} from '../../src/server/db';
import { createMediaService } from '../../src/server/service';
import { createMemoryStorage } from '../../src/server/storage';
import { formatDuration, measure, ms, type Timing } from './measure';
import { buildScenarios, type Scenario } from './scenarios';
import { SEED, SEED_VERSION, type SeedFacts, type SeedTimings, seed, seedKey, verifySeed } from './seed';

type Engine = 'postgres' | 'pglite';

interface ScenarioResult {
  name: string;
  target?: number;
  matches?: number;
  ours: Timing;
  naive: Timing;
  /** naive p50 / ours p50. */
  ratio: number;
  met?: boolean;
  sameResults: boolean;
  plans: string[];
  planSummary: string;
}

interface EngineResult {
  engine: Engine;
  storage: string;
  seed: { reused: boolean; timings?: SeedTimings; wallMs: number; note: string };
  facts: SeedFacts;
  scenarios: ScenarioResult[];
}

const resultsDir = join(import.meta.dirname, '..', 'results');
const databaseUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test';
const engines = (process.env.BENCH_DB_ENGINES ?? 'postgres,pglite').split(',').map((name) => name.trim());
const startedAt = performance.now();
const loadAtStart = loadavg()[0] ?? 0;

/** Captures the statements the service sends while `capturing` is on, to EXPLAIN them. */
class CapturePlugin implements KyselyPlugin {
  capturing = false;
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    if (this.capturing) this.nodes.push(args.node);
    return args.node;
  }
  async transformResult<T>(args: { result: T }): Promise<T> {
    return args.result;
  }
}

async function explain(db: Kysely<MediaDatabase>, node: RootOperationNode) {
  const compiled = db.getExecutor().compileQuery(node, createQueryId());
  const text = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [...compiled.parameters]),
  );
  const json = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]),
  );
  const raw = json.rows[0]?.['QUERY PLAN'];
  const tree = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  return {
    text: `${compiled.sql}\n-- ${JSON.stringify(compiled.parameters)}\n${text.rows.map((row) => row['QUERY PLAN']).join('\n')}`,
    summary: summarize(tree[0]?.Plan),
  };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** "Limit > Index Scan(media_files_keyset_upload_idx)": the plan's nodes, depth first. */
function summarize(node: PlanNode | undefined): string {
  if (!node) return '';
  const self = node['Index Name'] ? `${node['Node Type']}(${node['Index Name']})` : node['Node Type'];
  const children = (node.Plans ?? []).map(summarize).filter(Boolean);
  if (children.length === 0) return self;
  if (children.length === 1) return `${self} > ${children[0]}`;
  return `${self} > [${children.join(' | ')}]`;
}

async function runScenarios(
  engine: Engine,
  handle: MediaDatabaseHandle,
  facts: SeedFacts,
): Promise<ScenarioResult[]> {
  const plugin = new CapturePlugin();
  const db = handle.db.withPlugin(plugin);
  // No bulk polling: its query would land between the timed ones (no bulk job exists anyway).
  const service = createMediaService({ db, storage: createMemoryStorage(), bulk: { pollIntervalMs: 0 } });
  const context = { tenantId: SEED.tenant, userId: 'bench-user' };
  const results: ScenarioResult[] = [];
  try {
    const scenarios = await buildScenarios({
      db: handle.db,
      service,
      context,
      termMatches: facts.termMatches,
      kindCounts: facts.byKind,
      activeFiles: facts.active,
    });
    for (const scenario of scenarios) results.push(await runScenario(engine, handle.db, plugin, scenario));
  } finally {
    await service.close();
  }
  return results;
}

async function runScenario(
  engine: Engine,
  db: Kysely<MediaDatabase>,
  plugin: CapturePlugin,
  scenario: Scenario,
): Promise<ScenarioResult> {
  globalThis.gc?.();
  const compared = await scenario.compare();
  const sameResults = JSON.stringify(compared.ours) === JSON.stringify(compared.naive);
  if (!sameResults) {
    console.warn(`  ! ${scenario.name}: ours and naive disagree`, JSON.stringify(compared).slice(0, 400));
  }
  const ours = await measure(scenario.ours, {
    warmup: 5,
    maxIterations: 200,
    minIterations: 30,
    budgetMs: 6_000,
  });
  const naive = await measure(scenario.naive, {
    warmup: 1,
    maxIterations: 100,
    minIterations: 5,
    budgetMs: 5_000,
  });
  plugin.nodes.length = 0;
  plugin.capturing = true;
  try {
    await scenario.ours();
  } finally {
    plugin.capturing = false;
  }
  const plans: string[] = [];
  const summaries: string[] = [];
  for (const node of plugin.nodes.splice(0)) {
    const plan = await explain(db, node);
    plans.push(plan.text);
    summaries.push(plan.summary);
  }
  const result: ScenarioResult = {
    name: scenario.name,
    ...(scenario.target === undefined ? {} : { target: scenario.target }),
    ...(scenario.matches === undefined ? {} : { matches: scenario.matches }),
    ours,
    naive,
    ratio: naive.p50 / ours.p50,
    ...(scenario.target === undefined || engine !== 'postgres' ? {} : { met: ours.p95 <= scenario.target }),
    sameResults,
    plans,
    planSummary: summaries.join(' ; '),
  };
  const verdict =
    result.met === undefined ? '' : result.met ? ' (target met)' : ` (TARGET ${scenario.target} ms MISSED)`;
  console.log(
    `  ${scenario.name.padEnd(40)} ours p50 ${ms(ours.p50).padStart(6)} p95 ${ms(ours.p95).padStart(6)} ms | naive p50 ${ms(naive.p50).padStart(6)} p95 ${ms(naive.p95).padStart(6)} ms | x${result.ratio.toFixed(1)}${verdict}`,
  );
  return result;
}

async function benchPostgres(): Promise<EngineResult | undefined> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.warn(`PostgreSQL at ${databaseUrl} is unreachable (${(error as Error).message}): skipped`);
    return undefined;
  }
  const key = seedKey();
  const schema = `mediashelf_bench_${key}`;
  let handle: MediaDatabaseHandle | undefined;
  let pool: pg.Pool | undefined;
  try {
    const version = await admin.query<{ server_version: string }>('show server_version');
    console.log(`\n## PostgreSQL ${version.rows[0]?.server_version}: schema ${schema}`);
    await admin.query('select pg_advisory_lock(7021)');
    await admin.query('create extension if not exists pg_trgm with schema public');
    await admin.query('select pg_advisory_unlock(7021)');
    const stale = await admin.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like 'mediashelf\\_bench\\_%' and nspname <> $1`,
      [schema],
    );
    for (const row of stale.rows) {
      console.log(`  dropping the stale benchmark schema ${row.nspname} (another seed key)`);
      await admin.query(`drop schema "${row.nspname}" cascade`);
    }
    if (process.env.BENCH_DB_FRESH === '1') await admin.query(`drop schema if exists "${schema}" cascade`);
    const marker = await admin
      .query<{ info: { anchor: string; timings: SeedTimings; seedVersion: number } }>(
        `select info from "${schema}".bench_seed limit 1`,
      )
      .catch(() => undefined);
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 10,
      options: `-c search_path=${schema},public`,
    });
    let reused = false;
    let timings: SeedTimings | undefined;
    const wallStart = performance.now();
    if (marker?.rows[0]) {
      reused = true;
      timings = marker.rows[0].info.timings;
      handle = await createDatabase({ pool });
      console.log(
        `  reusing the seeded schema (seed key ${key}, seeded for ${formatDuration(timings.totalMs)} at anchor ${marker.rows[0].info.anchor}); BENCH_DB_FRESH=1 re-seeds`,
      );
    } else {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.query(`create schema "${schema}"`);
      handle = await createDatabase({ pool });
      await runMigrations(handle.db);
      const anchor = new Date();
      console.log(`  seeding ${SEED.files.toLocaleString('en')} files (seed key ${key}) ...`);
      timings = await handle.db.connection().execute((connection) => seed(connection, anchor));
      await admin.query(`create table "${schema}".bench_seed (info jsonb not null)`);
      await admin.query(`insert into "${schema}".bench_seed values ($1)`, [
        JSON.stringify({ anchor: anchor.toISOString(), timings, seedVersion: SEED_VERSION }),
      ]);
      console.log(`  seeded in ${formatDuration(timings.totalMs)} ${JSON.stringify(roundTimings(timings))}`);
    }
    const facts = await verifySeed(handle.db);
    const wallMs = performance.now() - wallStart;
    console.log(`  verified: ${JSON.stringify(facts)}`);
    const scenarios = await runScenarios('postgres', handle, facts);
    const keep = process.env.BENCH_DB_DROP !== '1';
    return {
      engine: 'postgres',
      storage: `schema ${schema} on ${redact(databaseUrl)}`,
      seed: {
        reused,
        ...(timings ? { timings } : {}),
        wallMs,
        note: reused
          ? `reused schema ${schema} (seed key ${key}); its seed took ${formatDuration(timings?.totalMs ?? 0)}`
          : `seeded schema ${schema} (seed key ${key}); ${keep ? 'kept for re-runs' : 'dropped at the end'}`,
      },
      facts,
      scenarios,
    };
  } finally {
    await handle?.close();
    await pool?.end();
    if (process.env.BENCH_DB_DROP === '1') {
      console.log(`  dropping schema ${schema} (BENCH_DB_DROP=1)`);
      await admin.query(`drop schema if exists "${schema}" cascade`);
    }
    await admin.end();
  }
}

async function benchPGlite(): Promise<EngineResult> {
  console.log('\n## PGlite (in memory)');
  const wallStart = performance.now();
  const handle = await createDatabase({ migrate: true });
  try {
    const version = await sql<{ server_version: string }>`show server_version`.execute(handle.db);
    console.log(`  PGlite's PostgreSQL ${version.rows[0]?.server_version}`);
    console.log(`  seeding ${SEED.files.toLocaleString('en')} files ...`);
    const timings = await seed(handle.db, new Date());
    console.log(
      `  seeded in ${formatDuration(timings.totalMs)} ${JSON.stringify(roundTimings(timings))}, rss ${rssMiB()} MiB`,
    );
    const facts = await verifySeed(handle.db);
    const wallMs = performance.now() - wallStart;
    console.log(`  verified: ${JSON.stringify(facts)}`);
    const scenarios = await runScenarios('pglite', handle, facts);
    return {
      engine: 'pglite',
      storage: 'in memory',
      seed: {
        reused: false,
        timings,
        wallMs,
        note: `seeded in memory at every run, rss after seed ${rssMiB()} MiB`,
      },
      facts,
      scenarios,
    };
  } finally {
    await handle.close();
  }
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
const roundTimings = (timings: SeedTimings) =>
  Object.fromEntries(Object.entries(timings).map(([name, value]) => [name, Math.round(value)]));

function markdown(results: EngineResult[]): string {
  const lines: string[] = [
    `# Query benchmark: ${SEED.files.toLocaleString('en')} media rows`,
    '',
    'ours = the service (`listMedia` / `getAnalytics`, keyset pagination, `lower(file_name) LIKE` on the trigram',
    'index, `media_stats_daily`); naive = the seed plan (`LIMIT 50 OFFSET n`, `file_name ILIKE` which the',
    '`lower(file_name)` trigram index does not serve, `COUNT/SUM ... GROUP BY` over media_files), on the same',
    'table and indexes. Times in ms; ratio = naive p50 / ours p50. Targets (p95) apply to PostgreSQL.',
    '',
  ];
  for (const result of results) {
    const seedLine = result.seed.timings
      ? `seed ${formatDuration(result.seed.timings.totalMs)} (files ${formatDuration(result.seed.timings.filesMs)}, usage ${formatDuration(result.seed.timings.usageMs)}, indexes ${formatDuration(result.seed.timings.indexesMs)}, stats ${formatDuration(result.seed.timings.statsMs)}, VACUUM ANALYZE ${formatDuration(result.seed.timings.vacuumMs)})`
      : '';
    lines.push(
      `## ${result.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} (${result.storage})`,
      '',
      `${seedLine}; ${result.seed.note}. ${result.facts.active.toLocaleString('en')} active, ${result.facts.deleted.toLocaleString('en')} in the trash, ${result.facts.used.toLocaleString('en')} used (${result.facts.usageRows.toLocaleString('en')} usage rows), ${result.facts.statsRows.toLocaleString('en')} media_stats_daily rows.`,
      '',
      '| scenario | matches | ours p50 | ours p95 | ours mean | naive p50 | naive p95 | naive/ours | target p95 | plan (ours) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
    );
    for (const scenario of result.scenarios) {
      const target =
        scenario.target === undefined
          ? 'none'
          : result.engine === 'postgres'
            ? `${scenario.target} ${scenario.met ? 'met' : '**MISSED**'}`
            : `(${scenario.target})`;
      lines.push(
        `| ${scenario.name}${scenario.sameResults ? '' : ' (results differ!)'} | ${scenario.matches?.toLocaleString('en') ?? ''} | ${ms(scenario.ours.p50)} | ${ms(scenario.ours.p95)} | ${ms(scenario.ours.mean)} | ${ms(scenario.naive.p50)} | ${ms(scenario.naive.p95)} | ${scenario.ratio.toFixed(1)}x | ${target} | ${scenario.planSummary.replaceAll('|', '/')} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    `Total run time ${formatDuration(performance.now() - startedAt)}; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end on ${cpus().length} cores (other processes share the machine: p95 is sensitive to that).`,
    '',
  );
  return lines.join('\n');
}

async function main() {
  const results: EngineResult[] = [];
  if (engines.includes('postgres')) {
    const result = await benchPostgres();
    if (result) results.push(result);
  }
  globalThis.gc?.();
  if (engines.includes('pglite')) results.push(await benchPGlite());
  const report = markdown(results);
  console.log(`\n${report}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'db-queries.md'), report);
  writeFileSync(
    join(resultsDir, 'db-queries.json'),
    `${JSON.stringify({ date: new Date().toISOString(), files: SEED.files, seedVersion: SEED_VERSION, results }, null, 2)}\n`,
  );
  writeFileSync(
    join(resultsDir, 'db-queries-plans.txt'),
    results
      .flatMap((result) =>
        result.scenarios.map(
          (scenario) => `### ${result.engine}: ${scenario.name}\n${scenario.plans.join('\n\n')}\n`,
        ),
      )
      .join('\n'),
  );
  console.log(`Results written to ${resultsDir}/db-queries.{md,json} and db-queries-plans.txt`);
  const missed = results.flatMap((result) => result.scenarios.filter((scenario) => scenario.met === false));
  if (missed.length > 0)
    console.warn(`Targets missed: ${missed.map((scenario) => scenario.name).join(', ')}`);
}

await main();
