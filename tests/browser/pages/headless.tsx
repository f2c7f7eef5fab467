// Renders the README's "Headless usage" example as it is written there: the browser test copies
// that code block into ./generated/readmeExample.tsx before bundling this page.
import { isDevelopment } from 'mediashelf/core';
import { createRoot } from 'react-dom/client';
import { App } from './generated/readmeExample';

declare global {
  interface Window {
    /** Whether this bundle kept mediashelf's development-only checks. */
    mediashelfDevelopment: boolean;
  }
}

window.mediashelfDevelopment = isDevelopment();
createRoot(document.getElementById('root')!).render(<App />);
