import type { MediaUiState, MediaViewMode } from './MediaUiState';
import { useMediaUiStore } from './useMediaUiStore';

const selectViewMode = (state: MediaUiState) => state.viewMode;
const selectSetViewMode = (state: MediaUiState) => state.setViewMode;

/** The grid/list choice and its setter (persisted when `config.persistViewMode` is set). */
export function useViewMode(): [MediaViewMode, (mode: MediaViewMode) => void] {
  return [useMediaUiStore(selectViewMode), useMediaUiStore(selectSetViewMode)];
}
