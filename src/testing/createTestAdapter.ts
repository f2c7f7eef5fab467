import {
  MEDIA_ADAPTER_METHODS,
  type MediaAdapter,
  type MediaAdapterCapabilities,
  MediaError,
} from 'mediashelf/core';

/** Overrides of {@link createTestAdapter}: any methods, and capabilities in part or in full. */
export type TestAdapterOverrides = Partial<Omit<MediaAdapter, 'capabilities'>> & {
  capabilities?: Partial<MediaAdapterCapabilities>;
};

function notImplemented(method: string) {
  return () =>
    Promise.reject(
      new MediaError('INTERNAL', `createTestAdapter: ${method}() is not implemented; pass it in overrides`, {
        details: { method },
      }),
    );
}

/**
 * A {@link MediaAdapter} for tests of UI and hook code: every method rejects with an `INTERNAL`
 * {@link MediaError} naming the method (`createTestAdapter: listMedia() is not implemented; pass it
 * in overrides`) unless `overrides` supplies it, so a test only describes what it relies on and
 * an unexpected call fails loudly. Capabilities default to `{ realtime: false,
 * resumableUpload: false, versions: false }`. `subscribe` stays absent unless overridden, because
 * its presence is what tells the hooks layer that events are available.
 *
 * @example
 * const adapter = createTestAdapter({
 *   listMedia: async () => ({ items: [], nextCursor: null }),
 * });
 */
export function createTestAdapter(overrides: TestAdapterOverrides = {}): MediaAdapter {
  const { capabilities, subscribe, ...methods } = overrides;
  const adapter: Record<string, unknown> = {};
  for (const method of MEDIA_ADAPTER_METHODS) adapter[method] = notImplemented(method);
  Object.assign(adapter, methods);
  if (subscribe) adapter.subscribe = subscribe;
  adapter.capabilities = Object.freeze({
    realtime: false,
    resumableUpload: false,
    versions: false,
    ...capabilities,
  });
  return adapter as unknown as MediaAdapter;
}
