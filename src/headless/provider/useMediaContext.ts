import { useContext } from 'react';
import { MediaContext, type MediaContextValue } from './MediaContext';

/**
 * The nearest {@link MediaProvider}'s adapter, QueryClient, keys, cache, store, labels and
 * config. Throws a clear error outside a provider, where every hook would otherwise fail
 * obscurely.
 */
export function useMediaContext(): MediaContextValue {
  const value = useContext(MediaContext);
  if (!value) {
    throw new Error(
      'mediashelf: this hook must be used inside <MediaProvider adapter={...}>. Wrap your media components (or your test renderer) in a MediaProvider.',
    );
  }
  return value;
}
