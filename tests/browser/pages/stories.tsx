// Renders one story (named in the URL hash) as a portable story, play function included, and
// exposes an axe check: the stories double as browser test fixtures.
import { composeStories, setProjectAnnotations } from '@storybook/react';
import axe from 'axe-core';
import preview from '../../../.storybook/preview';
import * as fileList from '../../../stories/HeadlessFileList.stories';

// The same decorators (theme wrapper, styles.css) as in Storybook; `?theme=dark` picks the
// toolbar's other theme.
const theme = new URLSearchParams(location.search).get('theme') ?? 'light';
setProjectAnnotations([preview, { initialGlobals: { theme } }]);
const stories: Record<string, { run(context?: { canvasElement?: HTMLElement }): Promise<void> }> =
  composeStories(fileList);

declare global {
  interface Window {
    /** Resolves when the story rendered and its play function finished; rejects with its error. */
    storyDone: Promise<void>;
    /** WCAG 2.1 A/AA violations in the rendered story: rule id and the offending markup. */
    axeViolations(): Promise<{ id: string; nodes: string[] }[]>;
  }
}

const name = decodeURIComponent(location.hash.slice(1));
const story = stories[name];
window.storyDone = story
  ? story.run({ canvasElement: document.getElementById('root')! })
  : Promise.reject(new Error(`No story named ${name}; known: ${Object.keys(stories).join(', ')}`));
window.axeViolations = async () => {
  const results = await axe.run(document.getElementById('root')!, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    nodes: violation.nodes.map((node) => node.html),
  }));
};
