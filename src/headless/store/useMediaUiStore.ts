import { useStore } from 'zustand';
import { useMediaContext } from '../provider/useMediaContext';
import type { MediaUiState } from './MediaUiState';

/**
 * Reads the provider's UI store through a selector; the component re-renders only when the
 * selected value changes (by `Object.is`). Select primitives or stable references.
 */
export function useMediaUiStore<T>(selector: (state: MediaUiState) => T): T {
  return useStore(useMediaContext().store, selector);
}
