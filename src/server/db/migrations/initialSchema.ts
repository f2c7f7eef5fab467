import type { Migration } from './Migration';

const mediaKinds = "'video', 'image', 'audio', 'document', 'other'";
const historyOperations =
  "'upload', 'rename', 'delete', 'restore', 'link', 'unlink', 'replace', 'version_restore', 'purge'";
const finalOperationStatuses = "'completed', 'failed', 'cancelled'";

/**
 * The media library's tables (DESIGN §3) plus `media_operation_items` and the trigger-kept
 * `media_files.usage_count`. Every child table carries `tenant_id` and references its file by
 * `(media_id, tenant_id)`, so a row can never point at another tenant's file.
 */
export const initialSchema: Migration = {
  name: '0001_initial_schema',
  statements: [
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',

    `CREATE TABLE IF NOT EXISTS media_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id text NOT NULL CHECK (tenant_id <> ''),
      owner_id text,
      file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
      original_file_name text NOT NULL CHECK (char_length(original_file_name) BETWEEN 1 AND 255),
      file_size bigint NOT NULL CHECK (file_size >= 0),
      file_type text NOT NULL CHECK (file_type <> ''),
      kind text NOT NULL CHECK (kind IN (${mediaKinds})),
      storage_key text NOT NULL,
      checksum_sha256 text CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted', 'processing')),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
      upload_date timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      CONSTRAINT media_files_storage_key_key UNIQUE (storage_key),
      CONSTRAINT media_files_id_tenant_key UNIQUE (id, tenant_id),
      CONSTRAINT media_files_deleted_at_check CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
    )`,
    // Keyset pagination: one index per sort key, each ending in id for a total order. A
    // descending request scans the same index backwards.
    `CREATE INDEX IF NOT EXISTS media_files_keyset_upload_idx
      ON media_files (tenant_id, status, upload_date DESC, id DESC)`,
    `CREATE INDEX IF NOT EXISTS media_files_keyset_name_idx
      ON media_files (tenant_id, status, lower(file_name), id)`,
    `CREATE INDEX IF NOT EXISTS media_files_keyset_size_idx
      ON media_files (tenant_id, status, file_size, id)`,
    // Case-insensitive "contains" search: lower(file_name) LIKE '%term%'.
    `CREATE INDEX IF NOT EXISTS media_files_name_trgm_idx
      ON media_files USING gin (lower(file_name) gin_trgm_ops)`,
    'CREATE INDEX IF NOT EXISTS media_files_tenant_kind_idx ON media_files (tenant_id, kind, status)',
    // Unused and orphaned files (analytics, the "unused" filter) without scanning used ones.
    `CREATE INDEX IF NOT EXISTS media_files_unused_idx
      ON media_files (tenant_id, upload_date) WHERE status = 'active' AND usage_count = 0`,
    // Purge: trash entries past the retention period, across tenants.
    `CREATE INDEX IF NOT EXISTS media_files_trash_idx
      ON media_files (deleted_at) WHERE status = 'deleted'`,

    `CREATE TABLE IF NOT EXISTS media_file_history (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      media_id uuid NOT NULL,
      tenant_id text NOT NULL,
      actor_id text,
      operation text NOT NULL CHECK (operation IN (${historyOperations})),
      operation_data jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(operation_data) = 'object'),
      "timestamp" timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT media_file_history_media_fk FOREIGN KEY (media_id, tenant_id)
        REFERENCES media_files (id, tenant_id) ON DELETE CASCADE
    )`,
    `CREATE INDEX IF NOT EXISTS media_file_history_media_idx
      ON media_file_history (media_id, "timestamp" DESC, id DESC)`,

    `CREATE TABLE IF NOT EXISTS media_usage (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      media_id uuid NOT NULL,
      tenant_id text NOT NULL,
      resource_type text NOT NULL CHECK (char_length(resource_type) BETWEEN 1 AND 255),
      resource_id text NOT NULL CHECK (char_length(resource_id) BETWEEN 1 AND 255),
      resource_title text CHECK (char_length(resource_title) <= 1000),
      linked_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT media_usage_media_fk FOREIGN KEY (media_id, tenant_id)
        REFERENCES media_files (id, tenant_id) ON DELETE CASCADE,
      -- Its index also serves "usage of file X" (media_id is its first column).
      CONSTRAINT media_usage_media_resource_key UNIQUE (media_id, resource_type, resource_id)
    )`,
    `CREATE INDEX IF NOT EXISTS media_usage_resource_idx
      ON media_usage (tenant_id, resource_type, resource_id)`,

    `CREATE TABLE IF NOT EXISTS media_file_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      media_id uuid NOT NULL,
      tenant_id text NOT NULL,
      version_number integer NOT NULL CHECK (version_number >= 1),
      storage_key text NOT NULL,
      file_size bigint NOT NULL CHECK (file_size >= 0),
      file_type text NOT NULL CHECK (file_type <> ''),
      checksum text,
      replaced_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT media_file_versions_media_fk FOREIGN KEY (media_id, tenant_id)
        REFERENCES media_files (id, tenant_id) ON DELETE CASCADE,
      CONSTRAINT media_file_versions_media_version_key UNIQUE (media_id, version_number)
    )`,
    // A restored version may reuse an older version's object: purge asks "is this key still used?".
    `CREATE INDEX IF NOT EXISTS media_file_versions_storage_key_idx
      ON media_file_versions (storage_key)`,

    `CREATE TABLE IF NOT EXISTS media_operations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id text NOT NULL,
      actor_id text,
      type text NOT NULL CHECK (type IN ('bulk-delete', 'bulk-restore', 'bulk-purge')),
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'processing', ${finalOperationStatuses})),
      total integer NOT NULL CHECK (total >= 0),
      processed integer NOT NULL DEFAULT 0,
      failed_count integer NOT NULL DEFAULT 0,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      locked_by text,
      locked_until timestamptz,
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      CONSTRAINT media_operations_progress_check
        CHECK (processed BETWEEN 0 AND total AND failed_count BETWEEN 0 AND processed),
      CONSTRAINT media_operations_finished_check
        CHECK ((status IN (${finalOperationStatuses})) = (finished_at IS NOT NULL))
    )`,
    `CREATE INDEX IF NOT EXISTS media_operations_tenant_idx
      ON media_operations (tenant_id, created_at DESC, id DESC)`,
    // Workers look for unfinished jobs whose lease is free or expired.
    `CREATE INDEX IF NOT EXISTS media_operations_runnable_idx
      ON media_operations (created_at) WHERE status IN ('queued', 'processing')`,

    `CREATE TABLE IF NOT EXISTS media_operation_items (
      operation_id uuid NOT NULL REFERENCES media_operations (id) ON DELETE CASCADE,
      "position" integer NOT NULL CHECK ("position" >= 0),
      tenant_id text NOT NULL,
      media_id text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
      code text,
      message text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (operation_id, "position"),
      CONSTRAINT media_operation_items_media_key UNIQUE (operation_id, media_id),
      CONSTRAINT media_operation_items_failure_check CHECK ((state = 'failed') = (code IS NOT NULL))
    )`,
    // Resuming: the next pending items of a job, in order, without scanning the finished ones.
    `CREATE INDEX IF NOT EXISTS media_operation_items_pending_idx
      ON media_operation_items (operation_id, "position") WHERE state = 'pending'`,

    // usage_count follows media_usage in the same transaction. SET search_path FROM CURRENT pins
    // the schema the function was created in, whatever the caller's search_path.
    `CREATE OR REPLACE FUNCTION mediashelf_sync_usage_count() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE media_files SET usage_count = usage_count - 1 WHERE id = OLD.media_id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE media_files SET usage_count = usage_count + 1 WHERE id = NEW.media_id;
      END IF;
      RETURN NULL;
    END
    $$`,
    'DROP TRIGGER IF EXISTS media_usage_count_trigger ON media_usage',
    `CREATE TRIGGER media_usage_count_trigger
      AFTER INSERT OR DELETE OR UPDATE OF media_id ON media_usage
      FOR EACH ROW EXECUTE FUNCTION mediashelf_sync_usage_count()`,
    // Brings the counter in line if usage rows existed before the trigger did.
    `UPDATE media_files f SET usage_count = u.count
      FROM (SELECT media_id, count(*)::integer AS count FROM media_usage GROUP BY media_id) u
      WHERE u.media_id = f.id AND f.usage_count <> u.count`,
  ],
};
