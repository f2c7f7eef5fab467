import { MediaError } from 'mediashelf/core';
import type { ProgressReporter } from './createProgressReporter';
import { parseRetryAfter, readEnvelopeReply } from './readEnvelopeReply';

/** A raw-body request sent by {@link sendWithXhr} or `sendWithFetch`. */
export interface BodyRequest {
  method: string;
  url: string;
  /** `METHOD /path`, for error messages. */
  description: string;
  headers: Record<string, string>;
  body: Blob;
  progress: ProgressReporter;
  signal?: AbortSignal | undefined;
  /** Send cookies to another origin (XMLHttpRequest `withCredentials`). */
  withCredentials?: boolean;
}

/**
 * Sends a body with XMLHttpRequest, the only browser API that reports upload progress for every
 * HTTP version. The signal aborts the request (`ABORTED`); a network failure is `NETWORK_ERROR`.
 */
export function sendWithXhr<T>(Xhr: typeof XMLHttpRequest, request: BodyRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new Xhr();
    let settled = false;
    const settle = (outcome: () => T) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbortSignal);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    xhr.open(request.method, request.url);
    if (request.withCredentials) xhr.withCredentials = true;
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => request.progress.report(event.loaded));
    xhr.addEventListener('load', () =>
      settle(() => {
        const value = readEnvelopeReply<T>({
          status: xhr.status,
          statusText: xhr.statusText,
          contentType: xhr.getResponseHeader('content-type'),
          text: typeof xhr.responseText === 'string' ? xhr.responseText : '',
          request: request.description,
          retryAfterSeconds: parseRetryAfter(xhr.getResponseHeader('retry-after')),
        });
        request.progress.finish();
        return value;
      }),
    );
    xhr.addEventListener('error', () =>
      settle(() => {
        throw new MediaError('NETWORK_ERROR', `${request.description} could not reach the server`);
      }),
    );
    xhr.addEventListener('timeout', () =>
      settle(() => {
        throw new MediaError('NETWORK_ERROR', `${request.description} timed out`);
      }),
    );
    const rejectAborted = () =>
      settle(() => {
        throw new MediaError('ABORTED', `${request.description} was aborted`, {
          cause: request.signal?.reason,
        });
      });
    // Rejects at once rather than waiting for the XHR's own abort event, which some
    // implementations (request mocks among them) never fire for a request still pending.
    function onAbortSignal() {
      xhr.abort();
      rejectAborted();
    }
    xhr.addEventListener('abort', rejectAborted);
    if (request.signal?.aborted) {
      rejectAborted();
      return;
    }
    request.signal?.addEventListener('abort', onAbortSignal, { once: true });
    request.progress.report(0);
    xhr.send(request.body);
  });
}
