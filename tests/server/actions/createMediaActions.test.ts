import { type Envelope, type MediaActions, MediaError } from 'mediashelf/core';
import { createTestFile } from 'mediashelf/testing';
import { describe, expect, it, vi } from 'vitest';
import { createMediaActions } from '../../../src/server/actions';
import type { MediaContext, MediaService } from '../../../src/server/service/MediaService';

const caller: MediaContext = { tenantId: 'tenant-1', userId: 'user-1' };

/** A service whose every method records its arguments and answers `answer(name)`. */
function stubService(answer: (name: string, params: unknown) => unknown = () => ({ ok: true })) {
  const calls: [string, MediaContext, Record<string, unknown>][] = [];
  const service = new Proxy({} as MediaService, {
    get: (_, name: string) => async (context: MediaContext, params: Record<string, unknown>) => {
      calls.push([name, context, params]);
      return answer(name, params);
    },
  });
  return { service, calls };
}

const errorOf = (envelope: Envelope<unknown>) => (envelope.success ? null : envelope.error);
const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

type AnyAction = (argument?: unknown) => Promise<Envelope<unknown>>;
const call = (actions: MediaActions, name: keyof MediaActions, argument?: unknown) =>
  (actions[name] as AnyAction)(argument);

const VALID_ARGUMENTS: Record<keyof MediaActions, () => unknown> = {
  listMedia: () => ({ search: 'x' }),
  getMedia: () => ({ id: 'f-1' }),
  uploadMedia: () => form([['file', createTestFile()]]),
  renameMedia: () => ({ id: 'f-1', fileName: 'b.txt' }),
  deleteMedia: () => ({ id: 'f-1' }),
  restoreMedia: () => ({ id: 'f-1' }),
  purgeMedia: () => ({ id: 'f-1' }),
  getHistory: () => ({ id: 'f-1' }),
  getUsage: () => ({ id: 'f-1' }),
  linkMedia: () => ({ mediaId: 'f-1', resourceType: 'course', resourceId: 'c-1' }),
  unlinkMedia: () => ({ mediaId: 'f-1', resourceType: 'course', resourceId: 'c-1' }),
  replaceMedia: () =>
    form([
      ['id', 'f-1'],
      ['file', createTestFile()],
    ]),
  listVersions: () => ({ id: 'f-1' }),
  restoreVersion: () => ({ id: 'f-1', versionNumber: 1 }),
  getAnalytics: () => ({}),
  startBulkOperation: () => ({ type: 'bulk-delete', ids: ['f-1'] }),
  getOperation: () => ({ id: 'op-1' }),
};
const ACTION_NAMES = Object.keys(VALID_ARGUMENTS) as (keyof MediaActions)[];

describe('createMediaActions: the caller', () => {
  for (const name of ACTION_NAMES) {
    it(`${name} answers UNAUTHENTICATED without a caller, and never reaches the service`, async () => {
      const { service, calls } = stubService();
      const actions = createMediaActions(service, { getContext: async () => null });
      const envelope = await call(actions, name, VALID_ARGUMENTS[name]());
      expect(errorOf(envelope)?.code).toBe('UNAUTHENTICATED');
      expect(calls).toEqual([]);
    });

    it(`${name} passes a valid call to the service with the caller`, async () => {
      const { service, calls } = stubService();
      const actions = createMediaActions(service, { getContext: () => caller });
      const envelope = await call(actions, name, VALID_ARGUMENTS[name]());
      expect(envelope.success).toBe(true);
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBe(name);
      expect(calls[0]![1]).toBe(caller);
    });
  }

  it('answers INTERNAL with a generic message when getContext throws, and reports the error', async () => {
    const onError = vi.fn();
    const { service } = stubService();
    const actions = createMediaActions(service, {
      getContext: () => {
        throw new Error('session store at 10.0.0.5 refused');
      },
      onError,
    });
    const error = errorOf(await actions.getMedia({ id: 'f-1' }));
    expect(error?.code).toBe('INTERNAL');
    expect(error?.message).not.toContain('10.0.0.5');
    expect(onError).toHaveBeenCalledOnce();
  });

  it("passes the service's MediaErrors through and conceals anything else", async () => {
    const onError = vi.fn();
    const { service } = stubService((name) => {
      if (name === 'getMedia')
        throw new MediaError('NOT_FOUND', 'No media file with id f-1', { details: { id: 'f-1' } });
      throw new Error('relation "secret_table" does not exist');
    });
    const actions = createMediaActions(service, { getContext: () => caller, onError });
    expect(errorOf(await actions.getMedia({ id: 'f-1' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'No media file with id f-1',
      details: { id: 'f-1' },
    });
    const concealed = errorOf(await actions.getUsage({ id: 'f-1' }));
    expect(concealed?.code).toBe('INTERNAL');
    expect(concealed?.message).not.toContain('secret_table');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('answers null data for the actions without a result', async () => {
    const { service } = stubService(() => undefined);
    const actions = createMediaActions(service, { getContext: () => caller });
    expect(await actions.purgeMedia({ id: 'f-1' })).toEqual({ success: true, data: null });
    expect(await actions.unlinkMedia({ mediaId: 'f-1', resourceType: 'c', resourceId: 'x' })).toEqual({
      success: true,
      data: null,
    });
  });
});

describe('createMediaActions: input validation', () => {
  const INVALID: [keyof MediaActions, string, unknown][] = [
    ['getMedia', 'no params', undefined],
    ['getMedia', 'an array', ['f-1']],
    ['getMedia', 'a string', 'f-1'],
    ['getMedia', 'a numeric id', { id: 1 }],
    ['getMedia', 'an empty id', { id: '' }],
    ['getMedia', 'a huge id', { id: 'x'.repeat(10_000) }],
    ['deleteMedia', 'a null id', { id: null }],
    ['renameMedia', 'a numeric fileName', { id: 'f-1', fileName: 5 }],
    ['renameMedia', 'no fileName', { id: 'f-1' }],
    ['listMedia', 'a non-object', 'all'],
    ['listMedia', 'a numeric search', { search: 5 }],
    ['listMedia', 'a string limit', { limit: 'ten' }],
    ['listMedia', 'an object kind', { kind: { video: true } }],
    ['listMedia', 'a string includeTotal', { includeTotal: 'yes' }],
    ['getHistory', 'a string limit', { id: 'f-1', limit: '5' }],
    ['getHistory', 'a numeric cursor', { id: 'f-1', cursor: 5 }],
    ['linkMedia', 'a numeric resourceId', { mediaId: 'f-1', resourceType: 'course', resourceId: 1 }],
    [
      'linkMedia',
      'an object resourceTitle',
      { mediaId: 'f-1', resourceType: 'c', resourceId: 'x', resourceTitle: {} },
    ],
    ['unlinkMedia', 'no resourceType', { mediaId: 'f-1', resourceId: 'x' }],
    ['restoreVersion', 'a string versionNumber', { id: 'f-1', versionNumber: '2' }],
    ['restoreVersion', 'a fractional versionNumber', { id: 'f-1', versionNumber: 1.5 }],
    ['getAnalytics', 'a string orphanAgeDays', { orphanAgeDays: '30' }],
    ['startBulkOperation', 'ids that are not a list', { type: 'bulk-delete', ids: 'f-1' }],
    ['startBulkOperation', 'numeric ids', { type: 'bulk-delete', ids: [1, 2] }],
    ['startBulkOperation', 'a numeric type', { type: 3, ids: [] }],
    ['uploadMedia', 'a plain object', { file: createTestFile() }],
    ['uploadMedia', 'a form without file', form([['fileName', 'a.txt']])],
    ['uploadMedia', 'a string as file', form([['file', 'not a file']])],
    [
      'uploadMedia',
      'two files',
      form([
        ['file', createTestFile()],
        ['file', createTestFile()],
      ]),
    ],
    [
      'uploadMedia',
      'a file as fileName',
      form([
        ['file', createTestFile()],
        ['fileName', createTestFile()],
      ]),
    ],
    ['replaceMedia', 'a form without id', form([['file', createTestFile()]])],
    ['replaceMedia', 'a form without file', form([['id', 'f-1']])],
  ];
  for (const [name, what, argument] of INVALID) {
    it(`${name} answers VALIDATION_ERROR for ${what}, without reaching the service`, async () => {
      const { service, calls } = stubService();
      const actions = createMediaActions(service, { getContext: () => caller });
      const envelope = await call(actions, name, argument);
      expect(errorOf(envelope)?.code).toBe('VALIDATION_ERROR');
      expect(calls).toEqual([]);
    });
  }

  it('drops unknown fields and passes only known ones', async () => {
    const { service, calls } = stubService();
    const actions = createMediaActions(service, { getContext: () => caller });
    await call(actions, 'getMedia', { id: 'f-1', tenantId: 'someone-else', __proto__x: 1 });
    await call(actions, 'listMedia', { kind: ['video', 'image'], limit: 10, sql: 'drop table' });
    expect(calls[0]![2]).toEqual({ id: 'f-1' });
    expect(Object.entries(calls[1]![2]).filter(([, value]) => value !== undefined && value !== null)).toEqual(
      [
        ['kind', ['video', 'image']],
        ['limit', 10],
      ],
    );
  });

  it('passes values of the right type for the service to judge (an unknown sort is its VALIDATION_ERROR)', async () => {
    const { service, calls } = stubService();
    const actions = createMediaActions(service, { getContext: () => caller });
    await actions.listMedia({ sort: 'color' as never, limit: 0 });
    expect(calls[0]![2]).toMatchObject({ sort: 'color', limit: 0 });
  });

  it('streams an upload to the service with its type, size and sanitised name', async () => {
    const { service, calls } = stubService();
    const actions = createMediaActions(service, { getContext: () => caller });
    const file = createTestFile({ name: 'in\u202evoice.pdf', type: 'application/pdf', size: 200 });
    await actions.uploadMedia(form([['file', file]]));
    const params = calls[0]![2];
    expect(params).toMatchObject({ fileName: 'invoice.pdf', contentType: 'application/pdf', size: 200 });
    expect(params.body).toBeInstanceOf(ReadableStream);
    const named = form([['file', file]]);
    named.append('fileName', '  Explicit.pdf ');
    await actions.uploadMedia(named);
    expect(calls[1]![2]).toMatchObject({ fileName: 'Explicit.pdf' });
    const blank = form([['file', file]]);
    blank.append('fileName', '   ');
    expect(errorOf(await actions.uploadMedia(blank))?.code).toBe('VALIDATION_ERROR');
  });

  it('never throws, whatever arrives', async () => {
    const { service } = stubService();
    const actions = createMediaActions(service, { getContext: () => caller, onError: () => {} });
    const hostile = Object.defineProperty({}, 'id', {
      get() {
        throw new Error('boom');
      },
    });
    for (const name of ACTION_NAMES) {
      for (const argument of [undefined, null, 42, 'x', [], hostile, Symbol('s')]) {
        const envelope = await call(actions, name, argument);
        expect(typeof envelope.success).toBe('boolean');
      }
    }
  });
});

describe('MediaActions', () => {
  it('is what the server makes and the client adapter takes', () => {
    const { service } = stubService();
    const actions: MediaActions = createMediaActions(service, { getContext: () => caller });
    expect(typeof actions.listMedia).toBe('function');
  });
});
