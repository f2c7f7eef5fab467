import type { QueryClient } from '@tanstack/react-query';
import type { MediaAdapter, MediaQueryKeys } from 'mediashelf/core';
import { createContext } from 'react';
import type { MediaCache } from '../cache/MediaCache';
import type { MediaUiStore } from '../store/createMediaUiStore';
import type { MediaConfig } from './MediaConfig';
import type { MediaLabels } from './MediaLabels';

/** What a {@link MediaProvider} gives the hooks below it. */
export interface MediaContextValue {
  /** The adapter, wrapped with result validation in development. */
  adapter: MediaAdapter;
  /** The host's QueryClient, or the one the provider created. */
  queryClient: QueryClient;
  /** Query keys of this library's scope. */
  keys: MediaQueryKeys;
  /** Cache writes shared by the hooks (optimistic updates, invalidation). */
  cache: MediaCache;
  /** This library's UI store. */
  store: MediaUiStore;
  labels: MediaLabels;
  /** BCP 47 locale for Intl formatting; undefined means the runtime's. */
  locale: string | undefined;
  config: Readonly<MediaConfig>;
}

/** The React context behind {@link useMediaContext}; null outside a provider. */
export const MediaContext = createContext<MediaContextValue | null>(null);
