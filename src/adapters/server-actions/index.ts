/**
 * `mediashelf/adapters/server-actions`: a `MediaAdapter` over the server actions made by
 * `createMediaActions` (from `mediashelf/server`), and the {@link MediaActions} type both sides
 * agree on. Runs in the browser; imports only `mediashelf/core`.
 *
 * @packageDocumentation
 */

export type {
  GetAnalyticsActionParams,
  GetHistoryActionParams,
  IdActionParams,
  ListMediaActionParams,
  MediaActions,
} from 'mediashelf/core';
export { createServerActionAdapter } from './createServerActionAdapter';
