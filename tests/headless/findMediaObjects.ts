/** Keys that only server objects (MediaFile, MediaUsage, ...) carry. */
const SERVER_OBJECT_KEYS = [
  'fileName',
  'fileSize',
  'originalFileName',
  'usageCount',
  'resourceType',
  'versionNumber',
];

/**
 * Paths inside `value` where an object looks like a server object (it has one of
 * {@link SERVER_OBJECT_KEYS}). Walks objects, arrays, Sets and Maps; functions are skipped.
 */
export function findMediaObjects(value: unknown, path = 'state', seen = new Set<unknown>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (value instanceof Set)
    return [...value].flatMap((item, index) => findMediaObjects(item, `${path}[${index}]`, seen));
  if (value instanceof Map) {
    return [...value].flatMap(([key, item]) => findMediaObjects(item, `${path}.get(${String(key)})`, seen));
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => findMediaObjects(item, `${path}[${index}]`, seen));
  const record = value as Record<string, unknown>;
  const own = SERVER_OBJECT_KEYS.some((key) => key in record) ? [path] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, item]) => findMediaObjects(item, `${path}.${key}`, seen)),
  ];
}

/** Store source lines that mention server types (`MediaFile`, `MediaUsage`, ...). */
export function findServerTypesInSource(files: { path: string; text: string }[]): string[] {
  const pattern =
    /\b(MediaFile|MediaUsage|MediaHistoryEntry|MediaVersion|StorageAnalytics|BulkOperation|Page)\b/;
  return files.flatMap(({ path, text }) =>
    text
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => pattern.test(line.replace(/\/\/.*$/, '')) && !/^\s*\*/.test(line))
      .map(({ line, index }) => `${path}:${index + 1}: ${line.trim()}`),
  );
}
