import type { InfiniteData, Query, QueryClient, QueryKey } from '@tanstack/react-query';
import type {
  BulkOperation,
  MediaChange,
  MediaFile,
  MediaListKeyFilters,
  MediaQueryKeys,
  Page,
} from 'mediashelf/core';
import { LocalChangeLog } from './LocalChangeLog';
import { listAcceptsFile, listStartsWithNewest } from './listAcceptsFile';
import { isFinalOperation, mergeOperationProgress } from './mergeOperationProgress';

/** Cached data of one list: the pages of an infinite query. */
export type MediaListData = InfiniteData<Page<MediaFile>, string | null>;

/** Cached entries saved before an optimistic write, to put back on error. */
export type MediaCacheSnapshot = ReadonlyArray<readonly [QueryKey, unknown]>;

/** Chooses lists by their filters. */
export type ListFilter = (filters: MediaListKeyFilters) => boolean;

const isListData = (data: unknown): data is MediaListData =>
  typeof data === 'object' && data !== null && Array.isArray((data as MediaListData).pages);

/**
 * Every write the hooks make to the TanStack Query cache of one library, in one React-free
 * place: optimistic patches, rollbacks, precise invalidation and the merge of operation
 * progress. Hooks stay thin and the rules ("progress never moves backwards", "only the lists a
 * rename can affect are refetched") are tested without rendering anything.
 */
export class MediaCache {
  /** Our own changes, so the realtime bridge can skip their echoes. */
  readonly localChanges = new LocalChangeLog();
  private readonly settledOperations = new Set<string>();

  constructor(
    readonly queryClient: QueryClient,
    readonly keys: MediaQueryKeys,
  ) {}

  /** Filters of a list query (key `[..., 'list', filters]`). */
  static filtersOf(queryKey: QueryKey): MediaListKeyFilters {
    return queryKey[3] as MediaListKeyFilters;
  }

  private listQueries(where?: ListFilter): Query[] {
    const queries = this.queryClient.getQueryCache().findAll({ queryKey: this.keys.lists() });
    return where ? queries.filter((query) => where(MediaCache.filtersOf(query.queryKey))) : queries;
  }

  private updateLists(
    update: (data: MediaListData, filters: MediaListKeyFilters) => MediaListData,
    where?: ListFilter,
  ) {
    for (const query of this.listQueries(where)) {
      const data = query.state.data;
      if (!isListData(data)) continue;
      const next = update(data, MediaCache.filtersOf(query.queryKey));
      if (next !== data) this.queryClient.setQueryData(query.queryKey, next);
    }
  }

  /** Stops in-flight fetches of lists and the files' queries, so they cannot undo an optimistic write. */
  async cancel(ids: readonly string[] = []): Promise<void> {
    await Promise.all([
      this.queryClient.cancelQueries({ queryKey: this.keys.lists() }),
      ...ids.map((id) => this.queryClient.cancelQueries({ queryKey: this.keys.file(id) })),
    ]);
  }

  /** Saves the lists and the given files' queries (file, usage) before an optimistic write. */
  snapshot(ids: readonly string[] = []): MediaCacheSnapshot {
    const entries: [QueryKey, unknown][] = this.listQueries().map((query) => [
      query.queryKey,
      query.state.data,
    ]);
    for (const id of ids) {
      for (const key of [this.keys.file(id), this.keys.usage(id)]) {
        entries.push([key, this.queryClient.getQueryData(key)]);
      }
    }
    return entries;
  }

  /** Puts back what {@link snapshot} saved. */
  restore(snapshot: MediaCacheSnapshot | undefined): void {
    for (const [key, data] of snapshot ?? []) this.queryClient.setQueryData(key, data);
  }

  /** Rewrites one file wherever it is cached: every list page and its own query. */
  updateFile(id: string, update: (file: MediaFile) => MediaFile): void {
    this.updateLists((data) => {
      let changed = false;
      const pages = data.pages.map((page) => {
        const index = page.items.findIndex((item) => item.id === id);
        if (index === -1) return page;
        changed = true;
        const items = [...page.items];
        items[index] = update(items[index]!);
        return { ...page, items };
      });
      return changed ? { ...data, pages } : data;
    });
    this.queryClient.setQueryData<MediaFile>(this.keys.file(id), (file) => (file ? update(file) : file));
  }

  /** Stores a file as the server returned it, in its query and every list holding it. */
  putFile(file: MediaFile): void {
    this.updateFile(file.id, () => file);
    this.queryClient.setQueryData(this.keys.file(file.id), file);
  }

  /** Removes files from the chosen lists, keeping `total` right. */
  removeFromLists(ids: readonly string[], where?: ListFilter): void {
    const gone = new Set(ids);
    this.updateLists((data) => {
      let removed = 0;
      const pages = data.pages.map((page) => {
        const items = page.items.filter((item) => !gone.has(item.id));
        removed += page.items.length - items.length;
        return items.length === page.items.length ? page : { ...page, items };
      });
      if (removed === 0) return data;
      const first = pages[0]!;
      if (first.total !== undefined) pages[0] = { ...first, total: Math.max(0, first.total - removed) };
      return { ...data, pages };
    }, where);
  }

  /**
   * Shows a new file at once: newest-first lists that match get it on top of their first page;
   * matching lists in another order cannot know its position, so only they are refetched.
   */
  insertIntoLists(file: MediaFile): void {
    const misplaced: QueryKey[] = [];
    for (const query of this.listQueries((filters) => listAcceptsFile(filters, file))) {
      const data = query.state.data;
      if (!isListData(data) || data.pages.length === 0) continue;
      if (!listStartsWithNewest(MediaCache.filtersOf(query.queryKey))) {
        misplaced.push(query.queryKey);
        continue;
      }
      if (data.pages.some((page) => page.items.some((item) => item.id === file.id))) continue;
      const [first, ...rest] = data.pages;
      const total = first!.total === undefined ? undefined : first!.total + 1;
      const page = { ...first!, items: [file, ...first!.items], ...(total === undefined ? {} : { total }) };
      this.queryClient.setQueryData<MediaListData>(query.queryKey, { ...data, pages: [page, ...rest] });
    }
    for (const queryKey of misplaced) void this.queryClient.invalidateQueries({ queryKey, exact: true });
  }

  /** Refetches the chosen lists (all by default). */
  invalidateLists(where?: ListFilter): Promise<void> {
    if (!where) return this.queryClient.invalidateQueries({ queryKey: this.keys.lists() });
    return this.queryClient.invalidateQueries({
      queryKey: this.keys.lists(),
      predicate: (query) => where(MediaCache.filtersOf(query.queryKey)),
    });
  }

  /** Refetches everything cached about these files (file, history, usage, versions) in one pass. */
  invalidateFiles(ids: readonly string[]): Promise<void> {
    const wanted = new Set(ids);
    return this.queryClient.invalidateQueries({
      queryKey: this.keys.files(),
      predicate: (query) => wanted.has(query.queryKey[3] as string),
    });
  }

  /** Refetches one part of a file's cache, e.g. `keys.history(id)`. */
  invalidate(queryKey: QueryKey): Promise<void> {
    return this.queryClient.invalidateQueries({ queryKey });
  }

  /** Refetches analytics (every orphan-age variant). */
  invalidateAnalytics(): Promise<void> {
    return this.queryClient.invalidateQueries({ queryKey: [...this.keys.all, 'analytics'] });
  }

  /** Drops a purged file's queries: there is nothing left to refetch. */
  forgetFile(id: string): void {
    this.queryClient.removeQueries({ queryKey: this.keys.file(id) });
  }

  /** Records that this client is about to make `change` (see {@link LocalChangeLog}). */
  expectChange(ids: readonly string[], change: MediaChange): void {
    this.localChanges.expect(ids, change);
  }

  /** Withdraws {@link expectChange} after the change failed. */
  forgetChange(ids: readonly string[], change: MediaChange): void {
    this.localChanges.forget(ids, change);
  }

  /**
   * Merges a state of an operation with the cached one (never backwards) and, the first time it
   * is final, refetches what the operation changed. Returns the merged state.
   */
  acceptOperation(operation: BulkOperation): BulkOperation {
    const key = this.keys.operation(operation.id);
    const merged = mergeOperationProgress(this.queryClient.getQueryData<BulkOperation>(key), operation);
    if (isFinalOperation(merged) && !this.settledOperations.has(merged.id)) {
      this.settledOperations.add(merged.id);
      void this.invalidateLists();
      void this.invalidateAnalytics();
      if (merged.succeeded.length > 0) void this.invalidateFiles(merged.succeeded);
    }
    return merged;
  }

  /** {@link acceptOperation} and store the result in the operation's query. */
  writeOperation(operation: BulkOperation): BulkOperation {
    const merged = this.acceptOperation(operation);
    this.queryClient.setQueryData(this.keys.operation(merged.id), merged);
    return merged;
  }
}
