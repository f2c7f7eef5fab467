import type { QueryClient } from '@tanstack/react-query';
import {
  createMediaQueryKeys,
  isDevelopment,
  type MediaAdapter,
  withResultValidation,
} from 'mediashelf/core';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { MediaCache } from '../cache/MediaCache';
import { MediaRealtimeBridge } from '../realtime/MediaRealtimeBridge';
import { bindViewModePersistence } from '../store/bindViewModePersistence';
import { createMediaUiStore } from '../store/createMediaUiStore';
import { createMediaQueryClient } from './createMediaQueryClient';
import type { MediaConfig } from './MediaConfig';
import { MediaContext, type MediaContextValue } from './MediaContext';
import { type MediaLabelsOverride, resolveMediaLabels } from './MediaLabels';

/** Props of {@link MediaProvider}. */
export interface MediaProviderProps {
  /** The backend. Keep it stable (create it once); a new adapter means a new cache scope. */
  adapter: MediaAdapter;
  /** The host's QueryClient; when omitted the provider creates one with the plan's defaults. */
  queryClient?: QueryClient;
  /** Overrides of the English labels, in part. */
  labels?: MediaLabelsOverride;
  /** BCP 47 locale for sizes and dates; default the runtime's. */
  locale?: string;
  config?: MediaConfig;
  /**
   * Query-key scope (default `default`). Give each library its own scope when two libraries with
   * different adapters share one QueryClient.
   */
  scope?: string;
  children?: ReactNode;
}

// A stable default: a fresh `{}` per render would re-render every consumer of the context.
const NO_CONFIG: MediaConfig = {};

const hasLocalStorage = () => {
  try {
    return typeof window !== 'undefined' && window.localStorage !== undefined;
  } catch {
    return false;
  }
};

/**
 * Provides one media library to the hooks below it: the adapter (checked against the contract in
 * development), a QueryClient, the scope's query keys, and a UI store of its own, so two
 * libraries on one page never share a selection. It starts the realtime bridge after mount and
 * restores a persisted view mode after mount too, so it renders the same on the server and on
 * the client.
 *
 * It never renders a `QueryClientProvider`: hooks pass the client explicitly, so the host's own
 * `useQuery` calls inside the library keep using the host's client.
 */
export function MediaProvider({
  adapter,
  queryClient: hostClient,
  labels,
  locale,
  config = NO_CONFIG,
  scope = 'default',
  children,
}: MediaProviderProps) {
  // Created lazily, once per provider, and only when the host brings no client.
  const ownClientRef = useRef<QueryClient | null>(null);
  if (!hostClient && !ownClientRef.current) ownClientRef.current = createMediaQueryClient();
  const ownClient = hostClient ? null : ownClientRef.current;
  const queryClient = hostClient ?? ownClientRef.current!;
  const [store] = useState(() =>
    createMediaUiStore(config.defaultViewMode ? { viewMode: config.defaultViewMode } : {}),
  );
  const validate = config.validateResults ?? isDevelopment();
  const checkedAdapter = useMemo(() => withResultValidation(adapter, validate), [adapter, validate]);
  const keys = useMemo(() => createMediaQueryKeys(scope), [scope]);
  const cache = useMemo(() => new MediaCache(queryClient, keys), [queryClient, keys]);
  const resolvedLabels = useMemo(() => resolveMediaLabels(labels), [labels]);

  // A client we created is ours to mount (focus and online refetching), as QueryClientProvider would.
  useEffect(() => {
    if (!ownClient) return;
    ownClient.mount();
    return () => ownClient.unmount();
  }, [ownClient]);

  const coalesceMs = config.realtimeCoalesceMs;
  useEffect(() => {
    const bridge = new MediaRealtimeBridge({
      adapter: checkedAdapter,
      cache,
      ...(coalesceMs === undefined ? {} : { coalesceMs }),
    });
    return bridge.start();
  }, [checkedAdapter, cache, coalesceMs]);

  const { persistViewMode, viewModeStorageKey } = config;
  useEffect(() => {
    if (!persistViewMode || !hasLocalStorage()) return;
    return bindViewModePersistence(
      store,
      window.localStorage,
      viewModeStorageKey ?? `mediashelf:${scope}:viewMode`,
    );
  }, [persistViewMode, viewModeStorageKey, scope, store]);

  const value = useMemo<MediaContextValue>(
    () => ({
      adapter: checkedAdapter,
      queryClient,
      keys,
      cache,
      store,
      labels: resolvedLabels,
      locale,
      config,
    }),
    [checkedAdapter, queryClient, keys, cache, store, resolvedLabels, locale, config],
  );
  return <MediaContext.Provider value={value}>{children}</MediaContext.Provider>;
}
