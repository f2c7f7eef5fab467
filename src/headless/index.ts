/**
 * `mediashelf/headless`: React hooks over a `MediaAdapter` — `MediaProvider`, server state in
 * TanStack Query, UI state in a per-provider Zustand store, an upload queue and the realtime
 * bridge. No styles and no component libraries: build any UI on it.
 *
 * @packageDocumentation
 */
export { LocalChangeLog } from './cache/LocalChangeLog';
export { listAcceptsFile, listDependsOnName, listStartsWithNewest } from './cache/listAcceptsFile';
export type { ListFilter, MediaCacheSnapshot, MediaListData } from './cache/MediaCache';
export { MediaCache } from './cache/MediaCache';
export { isFinalOperation, mergeOperationProgress } from './cache/mergeOperationProgress';
export type { UsageMutationContext } from './mutations/refreshAfterUsageChange';
export type { BulkOperationResult } from './mutations/useBulkOperation';
export { useBulkOperation } from './mutations/useBulkOperation';
export type { DeleteMediaResult } from './mutations/useDeleteMedia';
export { usageOfInUseError, useDeleteMedia } from './mutations/useDeleteMedia';
export { useLinkMedia } from './mutations/useLinkMedia';
export { usePurgeMedia } from './mutations/usePurgeMedia';
export type { RenameMediaVariables } from './mutations/useRenameMedia';
export { useRenameMedia } from './mutations/useRenameMedia';
export type { ReplaceMediaResult, ReplaceMediaVariables } from './mutations/useReplaceMedia';
export { applyNewVersion, useReplaceMedia } from './mutations/useReplaceMedia';
export { useRestoreMedia } from './mutations/useRestoreMedia';
export { useRestoreVersion } from './mutations/useRestoreVersion';
export { useUnlinkMedia } from './mutations/useUnlinkMedia';
export { createMediaQueryClient, shouldRetryMediaQuery } from './provider/createMediaQueryClient';
export type { MediaConfig } from './provider/MediaConfig';
export { ANALYTICS_STALE_TIME_MS, LIST_STALE_TIME_MS, REALTIME_COALESCE_MS } from './provider/MediaConfig';
export type { MediaContextValue } from './provider/MediaContext';
export { MediaContext } from './provider/MediaContext';
export type { MediaLabels, MediaLabelsOverride } from './provider/MediaLabels';
export { defaultMediaLabels, resolveMediaLabels } from './provider/MediaLabels';
export type { MediaProviderProps } from './provider/MediaProvider';
export { MediaProvider } from './provider/MediaProvider';
export { useMediaContext } from './provider/useMediaContext';
export { useMediaLabels } from './provider/useMediaLabels';
export { useMediaLocale } from './provider/useMediaLocale';
export {
  OPERATION_POLL_INITIAL_MS,
  OPERATION_POLL_MAX_MS,
  operationPollDelay,
} from './queries/operationPollDelay';
export { useDebouncedValue } from './queries/useDebouncedValue';
export { useMediaFile } from './queries/useMediaFile';
export type { MediaHistoryResult } from './queries/useMediaHistory';
export { useMediaHistory } from './queries/useMediaHistory';
export type { MediaListFilters, MediaListResult, UseMediaListOptions } from './queries/useMediaList';
export { useMediaList } from './queries/useMediaList';
export { useMediaUsage } from './queries/useMediaUsage';
export { useMediaVersions } from './queries/useMediaVersions';
export { useOperation } from './queries/useOperation';
export type { UseStorageAnalyticsOptions } from './queries/useStorageAnalytics';
export { useStorageAnalytics } from './queries/useStorageAnalytics';
export type { MediaRealtimeBridgeOptions } from './realtime/MediaRealtimeBridge';
export { MediaRealtimeBridge } from './realtime/MediaRealtimeBridge';
export type { ViewModeStorage } from './store/bindViewModePersistence';
export { bindViewModePersistence } from './store/bindViewModePersistence';
export type { MediaUiStore, MediaUiStoreOptions } from './store/createMediaUiStore';
export { createMediaUiStore, initialMediaUiData } from './store/createMediaUiStore';
export type {
  MediaUiActions,
  MediaUiData,
  MediaUiState,
  MediaViewMode,
  ToggleSelectionOptions,
} from './store/MediaUiState';
export { selectRange } from './store/selectRange';
export type { MediaDialogs } from './store/useMediaDialogs';
export { useMediaDialogs } from './store/useMediaDialogs';
export type { MediaSelection } from './store/useMediaSelection';
export { useIsSelected, useMediaSelection } from './store/useMediaSelection';
export { useMediaUiStore } from './store/useMediaUiStore';
export { useViewMode } from './store/useViewMode';
export { matchesAccept } from './upload/matchesAccept';
export type { UploadError, UploadItem, UploadQueueSummary, UploadStatus } from './upload/UploadItem';
export type { UploadFunction, UploadQueueOptions } from './upload/UploadQueue';
export { UploadQueue } from './upload/UploadQueue';
export type { UploadQueueHandle, UseUploadQueueOptions } from './upload/useUploadQueue';
export { useUploadQueue } from './upload/useUploadQueue';
export { useUploadQueueItem } from './upload/useUploadQueueItem';
export { useUploadQueueSummary } from './upload/useUploadQueueSummary';
export type { UploadRules } from './upload/validateUpload';
export { validateUpload } from './upload/validateUpload';
