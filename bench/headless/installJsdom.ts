import { JSDOM } from 'jsdom';

/**
 * Makes this Node process look like a browser tab for React DOM: a jsdom window whose globals
 * (window, document, HTMLElement, ...) are installed on globalThis. Node's own timers, File and
 * performance stay in place, so timings measure our code and React, not jsdom's shims.
 */
export function installJsdom(): JSDOM {
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
    pretendToBeVisual: true,
    url: 'http://localhost/',
  });
  const { window } = dom;
  const keep = new Set(Object.getOwnPropertyNames(globalThis));
  for (const name of Object.getOwnPropertyNames(window)) {
    if (keep.has(name) || name.startsWith('_')) continue;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => (window as unknown as Record<string, unknown>)[name],
    });
  }
  Object.defineProperty(globalThis, 'window', { configurable: true, value: window });
  Object.defineProperty(globalThis, 'document', { configurable: true, value: window.document });
  Object.defineProperty(globalThis, 'navigator', { configurable: true, value: window.navigator });
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  return dom;
}
