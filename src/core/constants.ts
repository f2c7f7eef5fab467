/** Page size used when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page an adapter returns; larger `limit`s are clamped to it. */
export const MAX_PAGE_SIZE = 200;
/** Longest display name, in characters (UTF-16 code units). */
export const MAX_FILE_NAME_LENGTH = 255;
/** Age after which an unused active file counts as orphaned. */
export const DEFAULT_ORPHAN_AGE_DAYS = 30;
/** How long files stay in the trash before `purgeExpired` removes them. */
export const DEFAULT_TRASH_RETENTION_DAYS = 30;
/** Shortest interval between two progress events of one operation. */
export const PROGRESS_BATCH_MS = 100;
/** Longest resource type or id accepted by `linkMedia`. */
export const MAX_RESOURCE_FIELD_LENGTH = 255;
/** Most ids one bulk operation accepts. */
export const MAX_BULK_IDS = 100_000;
