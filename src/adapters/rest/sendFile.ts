import { MediaError, type ProgressCallback, throwIfAborted } from 'mediashelf/core';
import type { HttpClient } from './createHttpClient';
import { createProgressReporter } from './createProgressReporter';
import type { RestAdapterOptions } from './RestAdapterOptions';
import { sendWithFetch } from './sendWithFetch';
import { sendWithXhr } from './sendWithXhr';

/** A raw-body upload or replacement. */
export interface SendFileParams {
  method: 'POST' | 'PUT';
  path: string;
  file: Blob;
  /** Sent URI-encoded in `X-File-Name`. */
  fileName?: string;
  onProgress?: ProgressCallback | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Sends a file as the raw request body (`Content-Type` = its MIME type), through
 * XMLHttpRequest or streaming `fetch` as {@link RestAdapterOptions.upload} decides.
 */
export async function sendFile<T>(
  client: HttpClient,
  options: Pick<RestAdapterOptions, 'upload' | 'XMLHttpRequest'>,
  params: SendFileParams,
): Promise<T> {
  throwIfAborted(params.signal);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(await client.headers()),
    'content-type': params.file.type || 'application/octet-stream',
  };
  if (params.fileName !== undefined) headers['x-file-name'] = encodeURIComponent(params.fileName);
  throwIfAborted(params.signal);
  const request = {
    method: params.method,
    url: client.url(params.path),
    description: `${params.method} ${params.path}`,
    headers,
    body: params.file,
    progress: createProgressReporter(params.file.size, params.onProgress),
    signal: params.signal,
    withCredentials: client.credentials === 'include',
  };
  const mode = options.upload ?? 'auto';
  const Xhr = options.XMLHttpRequest ?? globalThis.XMLHttpRequest;
  if (mode === 'xhr' && typeof Xhr !== 'function') {
    throw new MediaError('INTERNAL', "upload: 'xhr' needs XMLHttpRequest, which this runtime lacks");
  }
  if (mode === 'xhr' || (mode === 'auto' && typeof Xhr === 'function')) {
    return sendWithXhr<T>(Xhr, request);
  }
  return sendWithFetch<T>(client.fetch, request);
}
