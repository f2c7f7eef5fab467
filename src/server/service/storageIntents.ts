import { sql } from 'kysely';
import type { Db, ServiceRuntime } from './ServiceRuntime';

/** How long an upload may take before its leftover object counts as abandoned. */
export const DEFAULT_UPLOAD_GRACE_MS = 6 * 60 * 60 * 1000;
const SWEEP_BATCH = 500;

/** Clears intents whose storage work is done. */
export async function forgetIntent(runtime: ServiceRuntime, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    await runtime.db.deleteFrom('media_storage_intents').where('storage_key', 'in', keys).execute();
  } catch {
    // A stale intent of a referenced key is harmless: the sweep only drops the record.
  }
}

/**
 * Deletes objects and then their intents. When storage fails, the intents stay, so
 * `sweepStorage` finishes the job later instead of leaving orphaned objects.
 */
export async function removeObjects(runtime: ServiceRuntime, keys: string[]): Promise<boolean> {
  if (keys.length === 0) return true;
  try {
    await runtime.storage.deleteMany(keys);
  } catch {
    return false;
  }
  await forgetIntent(runtime, keys);
  return true;
}

/** Records, inside the caller's transaction, objects to delete once it commits. */
export async function recordDeleteIntents(db: Db, tenantId: string, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto('media_storage_intents')
    .values(keys.map((key) => ({ storage_key: key, tenant_id: tenantId, reason: 'delete' as const })))
    .onConflict((conflict) => conflict.column('storage_key').doUpdateSet({ reason: 'delete' }))
    .execute();
}

/**
 * Finishes interrupted storage work: deletes the objects of delete intents and of upload intents
 * older than `uploadGraceMs` (an upload that never committed), unless a file or version still
 * references the key, then drops the intents. Safe to run at any time and more than once.
 */
export async function sweepStorage(
  runtime: ServiceRuntime,
  uploadGraceMs = DEFAULT_UPLOAD_GRACE_MS,
): Promise<number> {
  let swept = 0;
  let afterKey = '';
  for (;;) {
    const intents = await runtime.db
      .selectFrom('media_storage_intents')
      .select('storage_key')
      .where('storage_key', '>', afterKey)
      .where((eb) =>
        eb.or([
          eb('reason', '=', 'delete'),
          eb('created_at', '<', sql<Date>`now() - ${`${Math.round(uploadGraceMs)} milliseconds`}::interval`),
        ]),
      )
      .orderBy('storage_key')
      .limit(SWEEP_BATCH)
      .execute();
    if (intents.length === 0) return swept;
    const keys = intents.map((intent) => intent.storage_key);
    afterKey = keys[keys.length - 1]!;
    const referenced = new Set(
      (
        await runtime.db
          .selectFrom('media_files')
          .select('storage_key')
          .where('storage_key', 'in', keys)
          .union(
            runtime.db
              .selectFrom('media_file_versions')
              .select('storage_key')
              .where('storage_key', 'in', keys),
          )
          .execute()
      ).map((row) => row.storage_key),
    );
    const orphaned = keys.filter((key) => !referenced.has(key));
    if (orphaned.length > 0) await runtime.storage.deleteMany(orphaned);
    await runtime.db.deleteFrom('media_storage_intents').where('storage_key', 'in', keys).execute();
    swept += orphaned.length;
  }
}
