// @vitest-environment jsdom
import { act, render, renderHook, screen } from '@testing-library/react';
import {
  bindViewModePersistence,
  createMediaUiStore,
  MediaProvider,
  useIsSelected,
  useMediaDialogs,
  useMediaList,
  useMediaSelection,
} from 'mediashelf/headless';
import { describe, expect, it } from 'vitest';
import { createBackend, createTestQueryClient, providerWrapper } from './harness';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('UI store', () => {
  it('toggles, shift-selects a range from the anchor, selects all loaded and clears', () => {
    const store = createMediaUiStore();
    const state = () => store.getState();
    state().toggleSelection('b');
    state().toggleSelection('d', { range: true, orderedIds: ids });
    expect([...state().selectedIds]).toEqual(['b', 'c', 'd']);
    state().toggleSelection('a', { range: true, orderedIds: ids });
    expect([...state().selectedIds].sort()).toEqual(['a', 'b', 'c', 'd']);
    state().toggleSelection('c');
    expect(state().selectedIds.has('c')).toBe(false);
    state().setSelection(ids);
    expect(state().selectedIds.size).toBe(5);
    state().pruneSelection(['a', 'b']);
    expect([...state().selectedIds]).toEqual(['a', 'b']);
    state().clearSelection();
    expect(state().selectedIds.size).toBe(0);
  });

  it('a range whose anchor scrolled away selects just the target', () => {
    const store = createMediaUiStore();
    store.getState().toggleSelection('zz');
    store.getState().toggleSelection('c', { range: true, orderedIds: ids });
    expect([...store.getState().selectedIds].sort()).toEqual(['c', 'zz']);
  });

  it('clears the selection when the filter key changes, not when it is first set', () => {
    const store = createMediaUiStore();
    store.getState().setFilterKey('all');
    store.getState().setSelection(['a']);
    store.getState().setFilterKey('all');
    expect(store.getState().selectedIds.size).toBe(1);
    store.getState().setFilterKey('videos');
    expect(store.getState().selectedIds.size).toBe(0);
  });

  it('persists the view mode and survives broken storage', () => {
    const saved = new Map<string, string>([['k', 'list']]);
    const store = createMediaUiStore();
    const stop = bindViewModePersistence(
      store,
      { getItem: (key) => saved.get(key) ?? null, setItem: (key, value) => void saved.set(key, value) },
      'k',
    );
    expect(store.getState().viewMode).toBe('list');
    store.getState().setViewMode('grid');
    expect(saved.get('k')).toBe('grid');
    stop();
    const broken = createMediaUiStore();
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    bindViewModePersistence(broken, throwing, 'k');
    expect(() => broken.getState().setViewMode('list')).not.toThrow();
  });
});

describe('UI store hooks', () => {
  const wrapper = providerWrapper({ adapter: createBackend(), queryClient: createTestQueryClient() });

  it('useMediaSelection, useIsSelected and useMediaDialogs re-render only for their slice', () => {
    const { result } = renderHook(
      () => {
        const selection = useMediaSelection();
        return { selection, rowSelected: useIsSelected('x'), dialogs: useMediaDialogs() };
      },
      { wrapper },
    );
    act(() => result.current.selection.toggle('a'));
    expect(result.current.selection.isSelected('a')).toBe(true);
    expect(result.current.rowSelected).toBe(false);
    act(() => result.current.dialogs.openDeleteDialog(['a']));
    expect(result.current.dialogs.deleteDialogIds).toEqual(['a']);
    act(() => result.current.dialogs.openDetails('a'));
    expect(result.current.dialogs.detailsFileId).toBe('a');
    act(() => result.current.dialogs.closeDeleteDialog());
    expect(result.current.dialogs.deleteDialogIds).toBeNull();
  });

  it('useIsSelected re-renders a row only when its own answer changes', () => {
    const renders: Record<string, number> = {};
    let toggle: (id: string) => void = () => {};
    function Row({ id }: { id: string }) {
      renders[id] = (renders[id] ?? 0) + 1;
      return <span>{useIsSelected(id) ? `${id} on` : `${id} off`}</span>;
    }
    function Controller() {
      toggle = useMediaSelection().toggle;
      return null;
    }
    render(
      <MediaProvider adapter={createBackend()}>
        <Controller />
        <Row id="r1" />
        <Row id="r2" />
      </MediaProvider>,
    );
    act(() => toggle('r1'));
    expect(screen.getByText('r1 on')).toBeTruthy();
    expect(renders).toEqual({ r1: 2, r2: 1 });
  });

  it('useMediaList clears the selection when its filters change', async () => {
    const { result, rerender } = renderHook(
      ({ kind }: { kind?: 'video' }) => ({
        list: useMediaList(kind ? { kind } : {}, { debounceMs: 0 }),
        selection: useMediaSelection(),
      }),
      { wrapper, initialProps: {} },
    );
    await act(async () => {});
    act(() => result.current.selection.toggle('video-1'));
    expect(result.current.selection.count).toBe(1);
    rerender({ kind: 'video' });
    await act(async () => {});
    expect(result.current.selection.count).toBe(0);
  });
});
