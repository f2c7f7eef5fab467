// Exposes the REST adapter to the browser tests, which drive it with page.evaluate: the
// adapter runs on the browser's own fetch, XMLHttpRequest, WebSocket and CORS.
import { createRestAdapter } from 'mediashelf/adapters/rest';
import { isMediaError } from 'mediashelf/core';

declare global {
  interface Window {
    mediashelf: { createRestAdapter: typeof createRestAdapter; isMediaError: typeof isMediaError };
  }
}

window.mediashelf = { createRestAdapter, isMediaError };
document.title = 'ready';
