import type { MediaLabels } from './MediaLabels';
import { useMediaContext } from './useMediaContext';

/** The provider's labels: {@link defaultMediaLabels} with its `labels` override applied. */
export function useMediaLabels(): MediaLabels {
  return useMediaContext().labels;
}
