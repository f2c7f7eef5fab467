import type { Migration } from './Migration';

/**
 * What the media service needs beyond the seed's tables:
 * - `media_file_history.seq`: a total order of history entries, so entries written in the same
 *   millisecond (or with an injected clock) keep the order they happened in;
 * - `media_storage_intents`: a write-ahead record of storage objects being written or deleted,
 *   so a crash or a storage failure between the storage step and the database step leaves a
 *   record that `sweepStorage` finishes (no orphaned object, no lost one);
 * - `media_stats_daily`: per tenant, status, kind, used/unused and upload day, the count and
 *   size of files, kept by a trigger, so analytics read a few hundred rows instead of scanning
 *   a million files.
 */
export const serviceSupport: Migration = {
  name: '0002_service_support',
  statements: [
    'ALTER TABLE media_file_history ADD COLUMN IF NOT EXISTS seq bigint GENERATED ALWAYS AS IDENTITY',
    'CREATE INDEX IF NOT EXISTS media_file_history_seq_idx ON media_file_history (media_id, seq DESC)',

    `CREATE TABLE IF NOT EXISTS media_storage_intents (
      storage_key text PRIMARY KEY,
      tenant_id text NOT NULL,
      reason text NOT NULL CHECK (reason IN ('upload', 'delete')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`,

    `CREATE TABLE IF NOT EXISTS media_stats_daily (
      tenant_id text NOT NULL,
      status text NOT NULL,
      kind text NOT NULL,
      used boolean NOT NULL,
      upload_day date NOT NULL,
      file_count bigint NOT NULL DEFAULT 0,
      total_size bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, status, kind, used, upload_day)
    )`,
    `CREATE OR REPLACE FUNCTION mediashelf_sync_stats() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.kind = NEW.kind
        AND (OLD.usage_count > 0) = (NEW.usage_count > 0) AND OLD.file_size = NEW.file_size
        AND OLD.upload_date = NEW.upload_date AND OLD.tenant_id = NEW.tenant_id THEN
        RETURN NULL;
      END IF;
      IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.status IN ('active', 'deleted') THEN
        UPDATE media_stats_daily SET file_count = file_count - 1, total_size = total_size - OLD.file_size
          WHERE tenant_id = OLD.tenant_id AND status = OLD.status AND kind = OLD.kind
            AND used = (OLD.usage_count > 0) AND upload_day = (OLD.upload_date AT TIME ZONE 'UTC')::date;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('active', 'deleted') THEN
        INSERT INTO media_stats_daily AS s (tenant_id, status, kind, used, upload_day, file_count, total_size)
          VALUES (NEW.tenant_id, NEW.status, NEW.kind, NEW.usage_count > 0,
            (NEW.upload_date AT TIME ZONE 'UTC')::date, 1, NEW.file_size)
          ON CONFLICT (tenant_id, status, kind, used, upload_day) DO UPDATE
            SET file_count = s.file_count + 1, total_size = s.total_size + EXCLUDED.total_size;
      END IF;
      RETURN NULL;
    END
    $$`,
    'DROP TRIGGER IF EXISTS media_files_stats_trigger ON media_files',
    `CREATE TRIGGER media_files_stats_trigger
      AFTER INSERT OR DELETE OR UPDATE ON media_files
      FOR EACH ROW EXECUTE FUNCTION mediashelf_sync_stats()`,
    // Files that existed before the trigger: rebuild the figures once.
    'DELETE FROM media_stats_daily',
    `INSERT INTO media_stats_daily (tenant_id, status, kind, used, upload_day, file_count, total_size)
      SELECT tenant_id, status, kind, usage_count > 0, (upload_date AT TIME ZONE 'UTC')::date, count(*), sum(file_size)
      FROM media_files WHERE status IN ('active', 'deleted')
      GROUP BY 1, 2, 3, 4, 5`,
    // Orphan figures read the exact rows of the cut-off day through this index.
    'DROP INDEX IF EXISTS media_files_unused_idx',
    `CREATE INDEX IF NOT EXISTS media_files_unused_idx
      ON media_files (tenant_id, upload_date) INCLUDE (file_size) WHERE status = 'active' AND usage_count = 0`,
  ],
};
