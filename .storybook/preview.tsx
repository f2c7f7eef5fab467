import type { Decorator, Preview } from '@storybook/react-vite';
import '../src/styles.css';

const withTheme: Decorator = (Story, context) => (
  <div className="mediashelf" data-theme={context.globals.theme ?? 'light'} style={{ padding: 16 }}>
    <Story />
  </div>
);

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'mediashelf theme (data-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: { layout: 'fullscreen' },
};

export default preview;
