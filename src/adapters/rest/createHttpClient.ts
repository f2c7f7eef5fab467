import { throwIfAborted } from 'mediashelf/core';
import type { HeadersSource } from './RestAdapterOptions';
import { parseRetryAfter, readEnvelopeReply } from './readEnvelopeReply';
import { toRequestError } from './toRequestError';

/** Query values; undefined and null are left out, arrays are sent comma-separated. */
export type QueryValues = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** One JSON request of the protocol. */
export interface JsonRequest {
  query?: QueryValues;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** Requests to the HTTP handler, shared by the methods, the uploads and the realtime transports. */
export interface HttpClient {
  /** Absolute or relative URL of a path under the base URL. */
  url(path: string, query?: QueryValues): string;
  /** The configured headers, resolved for one request. */
  headers(): Promise<Record<string, string>>;
  /** The configured fetch, with the configured `credentials` unless a call sets its own. */
  fetch: typeof fetch;
  /** The configured `credentials` mode, if any. */
  credentials: RequestCredentials | undefined;
  /** Sends a JSON request and answers the envelope's data (or rejects with its MediaError). */
  request<T>(method: string, path: string, init?: JsonRequest): Promise<T>;
}

/** Encodes one path segment (ids, resource types and ids). */
export const segment = (value: string | number) => encodeURIComponent(String(value));

function queryString(query: QueryValues | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Creates the {@link HttpClient} of one adapter. */
export function createHttpClient(options: {
  baseUrl: string;
  fetch?: typeof fetch;
  headers?: HeadersSource;
  credentials?: RequestCredentials;
}): HttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const { credentials } = options;
  // Resolved per call, so a fetch patched after the adapter was created (MSW, tracing) is used.
  const fetchImpl: typeof fetch = (input, init) =>
    (options.fetch ?? globalThis.fetch)(input, credentials === undefined ? init : { credentials, ...init });
  const headers = async () => {
    const source = options.headers;
    return { ...(typeof source === 'function' ? await source() : source) };
  };
  const url = (path: string, query?: QueryValues) => `${base}${path}${queryString(query)}`;

  return {
    url,
    headers,
    fetch: fetchImpl,
    credentials,
    async request<T>(method: string, path: string, init: JsonRequest = {}): Promise<T> {
      const description = `${method} ${path}`;
      const { signal } = init;
      throwIfAborted(signal);
      let status: number;
      let statusText: string;
      let contentType: string | null;
      let retryAfter: string | null;
      let text: string;
      try {
        const requestHeaders: Record<string, string> = { accept: 'application/json', ...(await headers()) };
        if (init.body !== undefined) requestHeaders['content-type'] = 'application/json';
        const response = await fetchImpl(url(path, init.query), {
          method,
          headers: requestHeaders,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal,
        });
        ({ status, statusText } = response);
        contentType = response.headers.get('content-type');
        retryAfter = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        throw toRequestError(error, description, signal);
      }
      return readEnvelopeReply<T>({
        status,
        statusText,
        contentType,
        text,
        request: description,
        retryAfterSeconds: parseRetryAfter(retryAfter),
      });
    },
  };
}
