import { useShallow } from 'zustand/react/shallow';
import type { MediaUiState } from './MediaUiState';
import { useMediaUiStore } from './useMediaUiStore';

/** Open panels and dialogs (ids and flags) with their actions. */
export type MediaDialogs = Pick<
  MediaUiState,
  | 'detailsFileId'
  | 'deleteDialogIds'
  | 'selectorOpen'
  | 'uploadTrayOpen'
  | 'openDetails'
  | 'closeDetails'
  | 'openDeleteDialog'
  | 'closeDeleteDialog'
  | 'setSelectorOpen'
  | 'setUploadTrayOpen'
>;

const selectDialogs = (state: MediaUiState): MediaDialogs => ({
  detailsFileId: state.detailsFileId,
  deleteDialogIds: state.deleteDialogIds,
  selectorOpen: state.selectorOpen,
  uploadTrayOpen: state.uploadTrayOpen,
  openDetails: state.openDetails,
  closeDetails: state.closeDetails,
  openDeleteDialog: state.openDeleteDialog,
  closeDeleteDialog: state.closeDeleteDialog,
  setSelectorOpen: state.setSelectorOpen,
  setUploadTrayOpen: state.setUploadTrayOpen,
});

/**
 * The details panel, delete dialog, selector and upload tray state. Re-renders only when one of
 * these fields changes (shallow comparison), not on selection changes.
 */
export function useMediaDialogs(): MediaDialogs {
  return useMediaUiStore(useShallow(selectDialogs));
}
