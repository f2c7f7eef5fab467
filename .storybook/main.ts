import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const src = fileURLToPath(new URL('../src/', import.meta.url));

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.tsx'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: async (viteConfig) => {
    // Stories import the package by name, like vitest.config.ts: run every layer from source.
    const aliases = [
      { find: /^mediashelf$/, replacement: `${src}index.ts` },
      { find: /^mediashelf\/(.+)$/, replacement: `${src}$1/index.ts` },
    ];
    const existing = viteConfig.resolve?.alias;
    const previous = Array.isArray(existing)
      ? existing
      : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }));
    viteConfig.resolve = { ...viteConfig.resolve, alias: [...aliases, ...previous] };
    // React Query's "use client" directives and Rolldown's plugin timings are noise in a static build.
    const quiet = new Set(['MODULE_LEVEL_DIRECTIVE', 'PLUGIN_TIMINGS']);
    viteConfig.build = {
      ...viteConfig.build,
      chunkSizeWarningLimit: 2000, // Storybook's own runtime is one ~1.1 MB chunk
      rolldownOptions: {
        ...viteConfig.build?.rolldownOptions,
        onwarn: (warning, warn) => {
          if (!quiet.has(warning.code ?? '')) warn(warning);
        },
      },
    };
    return viteConfig;
  },
};

export default config;
