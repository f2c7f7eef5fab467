// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMediaUiStore, type MediaUiState } from 'mediashelf/headless';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { findMediaObjects, findServerTypesInSource } from './findMediaObjects';

const storeDir = 'src/headless/store';

/** Calls every action of the store with plausible arguments and collects each resulting state. */
function statesAfterEveryAction(store: ReturnType<typeof createMediaUiStore>): unknown[] {
  const states: unknown[] = [store.getState()];
  const s = () => store.getState();
  const run: Record<keyof MediaUiState, () => void> = {
    toggleSelection: () => s().toggleSelection('b', { range: true, orderedIds: ['a', 'b', 'c'] }),
    setSelection: () => s().setSelection(['a', 'c']),
    clearSelection: () => s().clearSelection(),
    pruneSelection: () => s().pruneSelection(['a']),
    setFilterKey: () => s().setFilterKey('{"status":"deleted"}'),
    setViewMode: () => s().setViewMode('list'),
    openDetails: () => s().openDetails('a'),
    closeDetails: () => s().closeDetails(),
    openDeleteDialog: () => s().openDeleteDialog(['a', 'b']),
    closeDeleteDialog: () => s().closeDeleteDialog(),
    setSelectorOpen: () => s().setSelectorOpen(true),
    setUploadTrayOpen: () => s().setUploadTrayOpen(true),
  } as Record<keyof MediaUiState, () => void>;
  for (const [name, member] of Object.entries(store.getState())) {
    if (typeof member !== 'function') continue;
    const action = run[name as keyof MediaUiState];
    if (!action) throw new Error(`architecture test: new store action ${name} needs an entry here`);
    action();
    states.push(store.getState());
  }
  return states;
}

describe('UI store holds ids only (DESIGN.md §2)', () => {
  it('no state, initial or after any action, holds a media object', () => {
    const states = statesAfterEveryAction(createMediaUiStore());
    expect(states.length).toBeGreaterThan(10);
    expect(states.flatMap((state) => findMediaObjects(state))).toEqual([]);
  });

  it('the checker fails a store that copies a MediaFile into its state', () => {
    const bad = createStore<{ selected: unknown[]; select(file: unknown): void }>()((set) => ({
      selected: [],
      select: (file) => set({ selected: [file] }),
    }));
    bad.getState().select({ id: 'm-1', fileName: 'Lecture.mp4', fileSize: 10 });
    expect(findMediaObjects(bad.getState())).toEqual(['state.selected[0]']);
    expect(findMediaObjects({ open: new Set([{ usageCount: 1 }]) })).toEqual(['state.open[0]']);
  });

  it('store source never mentions server types', () => {
    const files = readdirSync(storeDir).map((name) => ({
      path: join(storeDir, name),
      text: readFileSync(join(storeDir, name), 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(3);
    expect(findServerTypesInSource(files)).toEqual([]);
  });

  it('the source scan fails a store that types state with MediaFile', () => {
    const text =
      "import type { MediaFile } from 'mediashelf/core';\ninterface S { details: MediaFile | null }";
    expect(findServerTypesInSource([{ path: 'src/headless/store/bad.ts', text }])).toHaveLength(2);
  });
});
