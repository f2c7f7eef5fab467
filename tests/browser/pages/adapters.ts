// Exposes the bundled adapters to the browser tests, which drive them with page.evaluate: they
// run on the browser's own fetch, XMLHttpRequest, WebSocket, CORS, Blob URLs and timers.
import { createMemoryAdapter } from 'mediashelf/adapters/memory';
import { createRestAdapter } from 'mediashelf/adapters/rest';
import { isMediaError } from 'mediashelf/core';

declare global {
  interface Window {
    mediashelf: {
      createRestAdapter: typeof createRestAdapter;
      createMemoryAdapter: typeof createMemoryAdapter;
      isMediaError: typeof isMediaError;
    };
  }
}

window.mediashelf = { createRestAdapter, createMemoryAdapter, isMediaError };
document.title = 'ready';
