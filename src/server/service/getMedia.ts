import type { MediaFile } from 'mediashelf/core';
import type { MediaContext } from './MediaService';
import { checkContext, checkId, findFile, type ServiceRuntime } from './ServiceRuntime';
import { toMediaFile } from './toMediaFile';

/** One file of the caller's tenant, in any status; `NOT_FOUND` otherwise. */
export async function getMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: { id: string },
): Promise<MediaFile> {
  checkContext(context);
  return toMediaFile(await findFile(runtime.db, context, checkId(params?.id)), runtime);
}
