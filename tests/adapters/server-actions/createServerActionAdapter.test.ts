import { createServerActionAdapter, type MediaActions } from 'mediashelf/adapters/server-actions';
import { type Envelope, isMediaError, type MediaFile } from 'mediashelf/core';
import { createTestFile } from 'mediashelf/testing';
import { describe, expect, it, vi } from 'vitest';

const file: MediaFile = {
  id: 'f-1',
  fileName: 'a.txt',
  originalFileName: 'a.txt',
  fileSize: 3,
  fileType: 'text/plain',
  kind: 'document',
  status: 'active',
  version: 1,
  usageCount: 0,
  uploadDate: '2025-01-01T00:00:00.000Z',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  deletedAt: null,
  url: '/x',
};

/** Actions that record their arguments and answer `answer` (a success envelope of null by default). */
function fakeActions(
  answer: (name: string, argument: unknown) => Promise<Envelope<unknown>> | Envelope<unknown>,
) {
  const calls: [string, unknown][] = [];
  const actions = new Proxy({} as MediaActions, {
    get: (_, name: string) => async (argument: unknown) => {
      calls.push([name, argument]);
      return answer(name, argument);
    },
  });
  return { actions, calls };
}

describe('createServerActionAdapter', () => {
  it('declares no realtime and has no subscribe, so hooks poll', () => {
    const adapter = createServerActionAdapter(fakeActions(() => ({ success: true, data: null })).actions);
    expect(adapter.capabilities).toEqual({ realtime: false, resumableUpload: false, versions: true });
    expect(adapter.subscribe).toBeUndefined();
  });

  it('sends plain, serialisable arguments: no signal, no callbacks, no undefined fields', async () => {
    const { actions, calls } = fakeActions(() => ({ success: true, data: { items: [], nextCursor: null } }));
    const adapter = createServerActionAdapter(actions);
    const signal = new AbortController().signal;
    await adapter.listMedia({ search: 'x', kind: ['video'], signal, limit: undefined });
    await adapter.getHistory({ id: 'f-1', signal });
    await adapter.linkMedia({ mediaId: 'f-1', resourceType: 'course', resourceId: 'c-1' });
    await adapter.getAnalytics();
    expect(calls).toEqual([
      ['listMedia', { search: 'x', kind: ['video'] }],
      ['getHistory', { id: 'f-1' }],
      ['linkMedia', { mediaId: 'f-1', resourceType: 'course', resourceId: 'c-1' }],
      ['getAnalytics', {}],
    ]);
    expect(JSON.parse(JSON.stringify(calls))).toEqual(calls);
  });

  it('unwraps error envelopes into MediaErrors with their code and details', async () => {
    const adapter = createServerActionAdapter(
      fakeActions(() => ({
        success: false,
        error: { code: 'MEDIA_IN_USE', message: 'In use', details: { usage: [] } },
      })).actions,
    );
    const error = await adapter.deleteMedia({ id: 'f-1' }).catch((caught: unknown) => caught);
    expect(isMediaError(error, 'MEDIA_IN_USE')).toBe(true);
    expect(error).toMatchObject({ message: 'In use', details: { usage: [] } });
  });

  it('maps a throwing action to NETWORK_ERROR and a non-envelope to INTERNAL', async () => {
    const throwing = createServerActionAdapter(
      fakeActions(() => Promise.reject(new TypeError('Failed to fetch'))).actions,
    );
    await expect(throwing.getMedia({ id: 'f-1' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    const odd = createServerActionAdapter(fakeActions(() => ({ ok: true }) as never).actions);
    await expect(odd.getMedia({ id: 'f-1' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('resolves void methods with undefined', async () => {
    const adapter = createServerActionAdapter(fakeActions(() => ({ success: true, data: null })).actions);
    await expect(adapter.purgeMedia({ id: 'f-1' })).resolves.toBeUndefined();
    await expect(
      adapter.unlinkMedia({ mediaId: 'f-1', resourceType: 'course', resourceId: 'c' }),
    ).resolves.toBeUndefined();
  });

  it('uploads FormData with the file and its resolved name, reporting progress at start and end', async () => {
    const { actions, calls } = fakeActions(() => ({ success: true, data: file }));
    const adapter = createServerActionAdapter(actions);
    const progress: [number, number][] = [];
    const blob = createTestFile({ name: 'notes.txt', size: 40 });
    await expect(
      adapter.uploadMedia({
        file: blob,
        fileName: ' Week 1.txt ',
        onProgress: (...args) => progress.push(args),
      }),
    ).resolves.toEqual(file);
    const form = calls[0]![1] as FormData;
    expect(calls[0]![0]).toBe('uploadMedia');
    expect(form.get('fileName')).toBe('Week 1.txt');
    expect((form.get('file') as File).size).toBe(40);
    expect(progress).toEqual([
      [0, 40],
      [40, 40],
    ]);
  });

  it('replaces with FormData holding id and file', async () => {
    const { actions, calls } = fakeActions(() => ({ success: true, data: file }));
    await createServerActionAdapter(actions).replaceMedia({ id: 'f-1', file: createTestFile() });
    const form = calls[0]![1] as FormData;
    expect(form.get('id')).toBe('f-1');
    expect(form.get('file')).toBeInstanceOf(Blob);
  });

  it('sends nothing when the signal fired before or at the start of an upload', async () => {
    const { actions, calls } = fakeActions(() => ({ success: true, data: file }));
    const adapter = createServerActionAdapter(actions);
    const controller = new AbortController();
    await expect(
      adapter.uploadMedia({
        file: createTestFile(),
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(adapter.getMedia({ id: 'f-1', signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(calls).toEqual([]);
  });

  it('rejects ABORTED at once during a call, and removes an upload that lands afterwards', async () => {
    let land!: () => void;
    const { actions, calls } = fakeActions((name) =>
      name === 'uploadMedia'
        ? new Promise((resolve) => {
            land = () => resolve({ success: true, data: file });
          })
        : { success: true, data: name === 'deleteMedia' ? file : null },
    );
    const adapter = createServerActionAdapter(actions);
    const controller = new AbortController();
    const uploading = adapter.uploadMedia({ file: createTestFile(), signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    await expect(uploading).rejects.toMatchObject({ code: 'ABORTED' });
    land();
    await vi.waitFor(() =>
      expect(calls.map(([name]) => name)).toEqual(['uploadMedia', 'deleteMedia', 'purgeMedia']),
    );
    expect(calls[2]![1]).toEqual({ id: 'f-1' });
  });
});
