import type { MediaViewMode } from '../store/MediaUiState';

/** List data stays fresh for 2 minutes (the product plan's default). */
export const LIST_STALE_TIME_MS = 2 * 60_000;
/** Analytics stay fresh for 5 minutes (the product plan's default). */
export const ANALYTICS_STALE_TIME_MS = 5 * 60_000;
/** How long the realtime bridge gathers `media.changed` events before one refetch. */
export const REALTIME_COALESCE_MS = 100;

/** Behaviour settings of a {@link MediaProvider}. Every field is optional. */
export interface MediaConfig {
  /** staleTime of lists, files, history, usage and versions; default {@link LIST_STALE_TIME_MS}. */
  staleTimeMs?: number;
  /** staleTime of analytics; default {@link ANALYTICS_STALE_TIME_MS}. */
  analyticsStaleTimeMs?: number;
  /** Remember the grid/list choice in localStorage (hydrated after mount); default false. */
  persistViewMode?: boolean;
  /** localStorage key of the view mode; default `mediashelf:<scope>:viewMode`. */
  viewModeStorageKey?: string;
  /** View mode before hydration; default `grid`. */
  defaultViewMode?: MediaViewMode;
  /** Page size of lists; default the adapter's (50). */
  pageSize?: number;
  /** Window in which realtime change events are coalesced; default {@link REALTIME_COALESCE_MS}. */
  realtimeCoalesceMs?: number;
  /** Check every adapter result against the contract; default: in development only. */
  validateResults?: boolean;
}
