/**
 * Server actions of the media library (re-exported by `mediashelf/server`).
 *
 * @packageDocumentation
 */
export type { MediaActionsOptions } from './createMediaActions';
export { createMediaActions } from './createMediaActions';
