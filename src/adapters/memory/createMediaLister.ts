import {
  decodeCursor,
  encodeCursor,
  listCursorTag,
  MediaError,
  type MediaFile,
  type MediaSort,
  type NormalizedListParams,
  type Page,
} from 'mediashelf/core';
import { currentVersion, type MemoryStore, type StoredFile } from './MemoryStore';

const DAY_MS = 86_400_000;

type SortValue = number | string;

interface IndexedFile {
  file: StoredFile;
  value: SortValue;
}

function sortValue(file: StoredFile, sort: MediaSort): SortValue {
  if (sort === 'fileName') return file.nameKey;
  if (sort === 'fileSize') return currentVersion(file).fileSize;
  return file.uploadMs;
}

/** Orders by (value, id) ascending; ids compare by code unit, which is locale-independent. */
function compare(value: SortValue, id: string, otherValue: SortValue, otherId: string): number {
  if (value < otherValue) return -1;
  if (value > otherValue) return 1;
  return id < otherId ? -1 : id > otherId ? 1 : 0;
}

/** First index whose key is greater than (`strict`) or not less than the position. */
function bound(entries: IndexedFile[], value: SortValue, id: string, strict: boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const entry = entries[middle]!;
    const order = compare(entry.value, entry.file.id, value, id);
    if (order < 0 || (strict && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function readPosition(params: NormalizedListParams, tag: string): [SortValue, string] | null {
  if (params.cursor === null) return null;
  const [value, id, ...rest] = decodeCursor(tag, params.cursor);
  const valueType = params.sort === 'fileName' ? 'string' : 'number';
  const valueOk = typeof value === valueType && (valueType === 'string' || Number.isFinite(value));
  if (!valueOk || typeof id !== 'string' || rest.length > 0) {
    throw new MediaError('VALIDATION_ERROR', 'cursor is malformed', { details: { field: 'cursor' } });
  }
  return [value as SortValue, id];
}

function createFilter(params: NormalizedListParams, nowMs: number): (file: StoredFile) => boolean {
  const search = params.search?.toLowerCase() ?? null;
  const kinds = params.kinds ? new Set(params.kinds) : null;
  const orphanCutoff = nowMs - params.orphanAgeDays * DAY_MS;
  return (file) => {
    if (file.status !== params.status) return false;
    // Plain substring matching treats `%`, `_` and `\` literally, as the contract requires.
    if (search !== null && !file.nameKey.includes(search)) return false;
    if (kinds && !kinds.has(currentVersion(file).kind)) return false;
    const used = file.usage.length > 0;
    if (params.usage === 'used') return used;
    if (params.usage === 'unused') return !used;
    if (params.usage === 'orphaned') return !used && file.uploadMs < orphanCutoff;
    return true;
  };
}

/** Lists the store's files for already normalised parameters. */
export type MediaLister = (params: NormalizedListParams, nowMs: number) => Page<MediaFile>;

/**
 * Creates the listing of a store. Each sort key keeps an ascending (value, id) index that is
 * rebuilt only after the store changed, so a page costs a binary search to the cursor plus a
 * scan until the page is full (and one full pass when `includeTotal` asks for a count).
 *
 * Pages are keyset pages: the cursor holds the last item's (sort value, id), and the next page
 * starts strictly after it, so files added or removed meanwhile never duplicate or skip files
 * that already existed.
 */
export function createMediaLister(store: MemoryStore): MediaLister {
  const indexes = new Map<MediaSort, { revision: number; entries: IndexedFile[] }>();

  const ascending = (sort: MediaSort): IndexedFile[] => {
    const cached = indexes.get(sort);
    if (cached && cached.revision === store.revision) return cached.entries;
    const entries = [...store.files.values()].map((file) => ({ file, value: sortValue(file, sort) }));
    entries.sort((a, b) => compare(a.value, a.file.id, b.value, b.file.id));
    indexes.set(sort, { revision: store.revision, entries });
    return entries;
  };

  return (params, nowMs) => {
    const tag = listCursorTag(params);
    const position = readPosition(params, tag);
    const entries = ascending(params.sort);
    const matches = createFilter(params, nowMs);
    const descending = params.order === 'desc';
    const step = descending ? -1 : 1;
    let index: number;
    if (position === null) index = descending ? entries.length - 1 : 0;
    else if (descending) index = bound(entries, position[0], position[1], false) - 1;
    else index = bound(entries, position[0], position[1], true);

    const page: IndexedFile[] = [];
    let hasMore = false;
    for (; index >= 0 && index < entries.length; index += step) {
      const entry = entries[index]!;
      if (!matches(entry.file)) continue;
      if (page.length === params.limit) {
        hasMore = true;
        break;
      }
      page.push(entry);
    }
    const last = page[page.length - 1];
    const result: Page<MediaFile> = {
      items: page.map((entry) => store.toMediaFile(entry.file)),
      nextCursor: hasMore && last ? encodeCursor(tag, [last.value, last.file.id]) : null,
    };
    if (params.includeTotal) {
      let total = 0;
      for (const entry of entries) if (matches(entry.file)) total += 1;
      result.total = total;
    }
    return result;
  };
}
