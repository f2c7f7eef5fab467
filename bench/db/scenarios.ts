// The scenarios of the query benchmark: each runs through the real service ("ours") and as the
// naive query of the original seed plan, on the same table and indexes.
import { type Kysely, sql } from 'kysely';
import { encodeCursor, type ListMediaParams, listCursorTag, normalizeListParams } from '../../src/core';
import type { MediaDatabase } from '../../src/server/db';
import type { MediaContext, MediaService } from '../../src/server/service';
import { SEED, TERMS } from './seed';

/** Position of the deep page: 500k, or the middle of a smaller seed. */
const DEEP_POSITION = 500_000;
const PAGE = 50;

export interface Scenario {
  name: string;
  /** p95 target in ms on PostgreSQL; undefined: measured, no target. */
  target?: number;
  /** Rows the filter matches (active files). */
  matches?: number;
  ours: () => Promise<unknown>;
  naive: () => Promise<unknown>;
  /** Ids (or figures) of both, for the equality check run once before timing. */
  compare: () => Promise<{ ours: unknown; naive: unknown }>;
}

export interface ScenarioSetup {
  db: Kysely<MediaDatabase>;
  service: MediaService;
  context: MediaContext;
  termMatches: Record<string, number>;
  kindCounts: Record<string, number>;
  activeFiles: number;
}

type Row = { id: string };

/** The cursor `listMedia` would hand out after the row at 0-based `offset - 1`. */
async function cursorAt(db: Kysely<MediaDatabase>, offset: number): Promise<string> {
  const result = await sql<{ id: string; value: string }>`
    SELECT id, to_char(upload_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS value
    FROM media_files WHERE tenant_id = ${SEED.tenant} AND status = 'active'
    ORDER BY upload_date DESC, id DESC OFFSET ${offset - 1} LIMIT 1`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`no row at position ${offset}`);
  return encodeCursor(listCursorTag(normalizeListParams({})), [row.value, row.id]);
}

export async function buildScenarios(setup: ScenarioSetup): Promise<Scenario[]> {
  const { db, service, context } = setup;
  const tenant = SEED.tenant;
  const ids = (rows: readonly Row[]) => rows.slice(0, PAGE).map((row) => row.id);

  const list = (params: ListMediaParams) => () => service.listMedia(context, params);
  const listIds = async (params: ListMediaParams) => ids((await service.listMedia(context, params)).items);
  const naiveRows = async (where: ReturnType<typeof sql>, offset = 0) =>
    (
      await sql<Row>`SELECT * FROM media_files WHERE tenant_id = ${tenant} AND status = 'active' AND ${where}
        ORDER BY upload_date DESC LIMIT ${PAGE} OFFSET ${offset}`.execute(db)
    ).rows;

  const listScenario = (
    name: string,
    params: ListMediaParams,
    where: ReturnType<typeof sql>,
    options: { target?: number; matches?: number; offset?: number } = {},
  ): Scenario => ({
    name,
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.matches === undefined ? {} : { matches: options.matches }),
    ours: list(params),
    naive: () => naiveRows(where, options.offset),
    compare: async () => ({
      ours: await listIds(params),
      naive: ids(await naiveRows(where, options.offset)),
    }),
  });

  const search = (label: string, term: string, count: number | undefined, target?: number) =>
    listScenario(
      `search ${label} "${term}"`,
      { search: term },
      sql`file_name ILIKE ${`%${term}%`}`,
      target === undefined
        ? { ...(count === undefined ? {} : { matches: count }) }
        : { target, matches: count ?? 0 },
    );

  const deep = Math.min(DEEP_POSITION, Math.floor(setup.activeFiles / 2));
  const deepCursor = await cursorAt(db, deep);
  const terms = setup.termMatches;
  const scenarios: Scenario[] = [
    listScenario('first page (upload date desc)', {}, sql`true`, { target: 10, matches: setup.activeFiles }),
    listScenario(`page at ${deep / 1000}k (cursor vs OFFSET)`, { cursor: deepCursor }, sql`true`, {
      target: 10,
      matches: setup.activeFiles,
      offset: deep,
    }),
    search('rare', TERMS.rare, terms.rare, 10),
    search('uncommon', TERMS.uncommon, terms.uncommon, 10),
    search('medium', TERMS.medium, terms.medium, 10),
    search('common', TERMS.common, terms.common, 10),
    search('2 chars, common', TERMS.twoCommon, terms.twoCommon),
    search('2 chars, rare', TERMS.twoRare, terms.twoRare),
    listScenario('kind = audio', { kind: 'audio' }, sql`kind = 'audio'`, {
      target: 10,
      matches: setup.kindCounts.audio ?? 0,
    }),
    {
      name: 'analytics',
      target: 20,
      ours: () => service.getAnalytics(context),
      naive: () => naiveAnalytics(db),
      compare: async () => {
        const ours = await service.getAnalytics(context);
        const naive = await naiveAnalytics(db);
        const pick = (figures: Record<string, unknown>) => ({
          totalFiles: figures.totalFiles,
          usedFiles: figures.usedFiles,
          unusedFiles: figures.unusedFiles,
          totalSize: figures.totalSize,
          orphanedFiles: figures.orphanedFiles,
          orphanedSize: figures.orphanedSize,
          trashFiles: figures.trashFiles,
          trashSize: figures.trashSize,
        });
        return { ours: pick(ours as unknown as Record<string, unknown>), naive: pick(naive) };
      },
    },
  ];
  return scenarios;
}

/** The seed plan's analytics: COUNT/SUM with GROUP BY over media_files (one pass). */
async function naiveAnalytics(db: Kysely<MediaDatabase>): Promise<Record<string, number>> {
  const cutoff = new Date(Date.now() - 30 * 86_400_000);
  const result = await sql<{
    kind: string;
    total: number;
    size: number;
    used: number;
    orphaned: number;
    orphaned_size: number;
    trash: number;
    trash_size: number;
  }>`
    SELECT kind,
      count(*) FILTER (WHERE status = 'active') AS total,
      coalesce(sum(file_size) FILTER (WHERE status = 'active'), 0) AS size,
      count(*) FILTER (WHERE status = 'active' AND usage_count > 0) AS used,
      count(*) FILTER (WHERE status = 'active' AND usage_count = 0 AND upload_date < ${cutoff}) AS orphaned,
      coalesce(sum(file_size) FILTER (WHERE status = 'active' AND usage_count = 0 AND upload_date < ${cutoff}), 0)
        AS orphaned_size,
      count(*) FILTER (WHERE status = 'deleted') AS trash,
      coalesce(sum(file_size) FILTER (WHERE status = 'deleted'), 0) AS trash_size
    FROM media_files WHERE tenant_id = ${SEED.tenant}
    GROUP BY kind`.execute(db);
  const figures: Record<string, number> = {
    totalFiles: 0,
    usedFiles: 0,
    unusedFiles: 0,
    totalSize: 0,
    orphanedFiles: 0,
    orphanedSize: 0,
    trashFiles: 0,
    trashSize: 0,
  };
  for (const row of result.rows) {
    const add = (key: string, value: unknown) => {
      figures[key] = (figures[key] ?? 0) + Number(value);
    };
    add('totalFiles', row.total);
    add('totalSize', row.size);
    add('usedFiles', row.used);
    add('unusedFiles', Number(row.total) - Number(row.used));
    add('orphanedFiles', row.orphaned);
    add('orphanedSize', row.orphaned_size);
    add('trashFiles', row.trash);
    add('trashSize', row.trash_size);
  }
  return figures;
}
