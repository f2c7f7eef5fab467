import type { MediaChange } from 'mediashelf/core';

const DEFAULT_TTL_MS = 15_000;

/**
 * Remembers changes this client made itself, so the realtime bridge can recognise their echo
 * (`media.changed` for our own rename) and skip it: the mutation already updated the cache
 * precisely, and the echo would otherwise refetch every list. Each entry matches one event
 * once, and expires so a lost echo cannot hide a later change made elsewhere.
 */
export class LocalChangeLog {
  private readonly expected = new Map<string, number[]>();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that this client is about to make `change` to `ids`. */
  expect(ids: readonly string[], change: MediaChange): void {
    const expires = this.now() + this.ttlMs;
    for (const id of ids) {
      const key = `${change}:${id}`;
      const list = this.expected.get(key);
      if (list) list.push(expires);
      else this.expected.set(key, [expires]);
    }
  }

  /** Withdraws one expectation per id (the change failed, so no echo will come). */
  forget(ids: readonly string[], change: MediaChange): void {
    for (const id of ids) {
      const key = `${change}:${id}`;
      const list = this.expected.get(key);
      list?.pop();
      if (list?.length === 0) this.expected.delete(key);
    }
  }

  /** The ids of an event that are NOT echoes of our own changes (consuming the echoes). */
  filterForeign(ids: readonly string[], change: MediaChange): string[] {
    const now = this.now();
    return ids.filter((id) => {
      const key = `${change}:${id}`;
      const list = this.expected.get(key);
      if (!list) return true;
      while (list.length > 0 && list[0]! < now) list.shift();
      const matched = list.shift() !== undefined;
      if (list.length === 0) this.expected.delete(key);
      return !matched;
    });
  }
}
