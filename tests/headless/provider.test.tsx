// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import {
  defaultMediaLabels,
  MediaProvider,
  useMediaContext,
  useMediaFile,
  useMediaLabels,
  useMediaLocale,
  useMediaSelection,
  useViewMode,
} from 'mediashelf/headless';
import { createTestAdapter } from 'mediashelf/testing';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from './harness';

afterEach(() => window.localStorage.clear());

describe('MediaProvider', () => {
  it('useMediaContext throws a clear error outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useMediaContext())).toThrow(/inside <MediaProvider adapter=\{\.\.\.\}>/);
    vi.restoreAllMocks();
  });

  it('provides labels merged over the English defaults, and the locale', () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MediaProvider
        adapter={createBackend()}
        labels={{ loadMore: 'Mehr laden', kinds: { video: 'Film' } }}
        locale="de-DE"
      >
        {children}
      </MediaProvider>
    );
    const { result } = renderHook(() => ({ labels: useMediaLabels(), locale: useMediaLocale() }), {
      wrapper,
    });
    expect(result.current.labels.loadMore).toBe('Mehr laden');
    expect(result.current.labels.kinds).toMatchObject({ video: 'Film', image: 'Image' });
    expect(result.current.labels.rename).toBe(defaultMediaLabels.rename);
    expect(result.current.locale).toBe('de-DE');
  });

  it('creates one QueryClient per provider with the plan defaults, or uses the host one', () => {
    const host = new QueryClient();
    const own = renderHook(() => useMediaContext().queryClient, {
      wrapper: ({ children }) => <MediaProvider adapter={createBackend()}>{children}</MediaProvider>,
    });
    const first = own.result.current;
    own.rerender();
    expect(own.result.current).toBe(first);
    expect(first.getDefaultOptions().queries?.staleTime).toBe(120_000);
    const hosted = renderHook(() => useMediaContext().queryClient, {
      wrapper: ({ children }) => (
        <MediaProvider adapter={createBackend()} queryClient={host}>
          {children}
        </MediaProvider>
      ),
    });
    expect(hosted.result.current).toBe(host);
  });

  it('checks adapter results in development and names the broken field', async () => {
    const adapter = createTestAdapter({ getMedia: async () => ({ id: 'x', fileSize: '12' }) as never });
    const { result } = renderHook(() => useMediaFile('x'), {
      wrapper: ({ children }) => (
        <MediaProvider
          adapter={adapter}
          queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
        >
          {children}
        </MediaProvider>
      ),
    });
    await waitFor(() =>
      expect(result.current.error?.message).toMatch(/adapter\.getMedia\(\) resolved with an invalid result/),
    );
  });

  it('gives each provider its own UI store: two libraries never share a selection', () => {
    function Probe({ name }: { name: string }) {
      const selection = useMediaSelection();
      return (
        <button type="button" onClick={() => selection.toggle('a')}>
          {name}:{selection.count}
        </button>
      );
    }
    render(
      <>
        <MediaProvider adapter={createBackend()}>
          <Probe name="one" />
        </MediaProvider>
        <MediaProvider adapter={createBackend()}>
          <Probe name="two" />
        </MediaProvider>
      </>,
    );
    screen.getByText('one:0').click();
    return waitFor(() => {
      expect(screen.getByText('one:1')).toBeTruthy();
      expect(screen.getByText('two:0')).toBeTruthy();
    });
  });

  it('renders on the server without touching localStorage, and hydrates the view mode after mount', async () => {
    window.localStorage.setItem('mediashelf:default:viewMode', 'list');
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    function Mode() {
      return <span>mode:{useViewMode()[0]}</span>;
    }
    const tree = (
      <MediaProvider adapter={createBackend()} config={{ persistViewMode: true }}>
        <Mode />
      </MediaProvider>
    );
    expect(renderToString(tree)).toContain('mode:<!-- -->grid');
    expect(getItem).not.toHaveBeenCalled();
    render(tree);
    await waitFor(() => expect(screen.getByText('mode:list')).toBeTruthy());
    getItem.mockRestore();
  });

  it('saves view mode changes when persistence is on', async () => {
    function Toggle() {
      const [mode, setMode] = useViewMode();
      return (
        <button type="button" onClick={() => setMode(mode === 'grid' ? 'list' : 'grid')}>
          {mode}
        </button>
      );
    }
    render(
      <MediaProvider adapter={createBackend()} scope="lib-a" config={{ persistViewMode: true }}>
        <Toggle />
      </MediaProvider>,
    );
    screen.getByText('grid').click();
    await waitFor(() => expect(window.localStorage.getItem('mediashelf:lib-a:viewMode')).toBe('list'));
  });
});
