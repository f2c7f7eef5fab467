import type {
  BulkOperation,
  MediaFile,
  MediaHistoryEntry,
  MediaUsage,
  MediaVersion,
  Page,
  StorageAnalytics,
} from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTestKit, type HttpTestKit, PNG_BYTES, waitUntil } from './httpTestKit';

let kit: HttpTestKit;
beforeAll(async () => {
  kit = await createHttpTestKit();
});
afterAll(async () => {
  await kit?.close();
});

function expectJsonHeaders(headers: Headers) {
  expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(headers.get('cache-control')).toBe('no-store');
}

describe('createMediaHandler: every route succeeds with its status and envelope', () => {
  it('POST /files uploads (201) and GET /files/:id reads it', async () => {
    const tenant = kit.newTenant();
    const upload = await kit.callJson<MediaFile>('POST', '/files', {
      tenant,
      body: PNG_BYTES,
      headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent('Diagramm über.png') },
    });
    expect(upload.status).toBe(201);
    expectJsonHeaders(upload.headers);
    expect(upload.body).toMatchObject({
      success: true,
      data: {
        fileName: 'Diagramm über.png',
        fileType: 'image/png',
        kind: 'image',
        fileSize: PNG_BYTES.length,
        version: 1,
      },
    });
    const id = upload.body.success ? upload.body.data.id : '';
    expect(upload.headers.get('location')).toBe(`/api/media/files/${id}`);
    const read = await kit.callJson<MediaFile>('GET', `/files/${id}`, { tenant });
    expect(read.status).toBe(200);
    expectJsonHeaders(read.headers);
    expect(read.body).toMatchObject({ success: true, data: { id, status: 'active' } });
  });

  it('GET /files lists with filters, comma-separated kinds and a cursor', async () => {
    const tenant = kit.newTenant();
    await kit.upload(tenant, PNG_BYTES, 'one.png', 'image/png');
    await kit.upload(tenant, 'notes', 'two.txt', 'text/plain');
    await kit.upload(tenant, 'more', 'three.txt', 'text/plain');
    const all = await kit.callJson<Page<MediaFile>>('GET', '/files?kind=image,document&includeTotal=true', {
      tenant,
    });
    expect(all.status).toBe(200);
    expect(all.body.success && all.body.data.items).toHaveLength(3);
    expect(all.body.success && all.body.data.total).toBe(3);
    const images = await kit.callJson<Page<MediaFile>>('GET', '/files?kind=image', { tenant });
    expect(images.body.success && images.body.data.items.map((file) => file.fileName)).toEqual(['one.png']);
    const first = await kit.callJson<Page<MediaFile>>('GET', '/files?sort=fileName&order=asc&limit=2', {
      tenant,
    });
    expect(first.body.success && first.body.data.items.map((file) => file.fileName)).toEqual([
      'one.png',
      'three.txt',
    ]);
    const cursor = first.body.success ? first.body.data.nextCursor : null;
    expect(cursor).toEqual(expect.any(String));
    const second = await kit.callJson<Page<MediaFile>>(
      'GET',
      `/files?sort=fileName&order=asc&limit=2&cursor=${encodeURIComponent(cursor!)}`,
      { tenant },
    );
    expect(second.body).toMatchObject({
      success: true,
      data: { items: [{ fileName: 'two.txt' }], nextCursor: null },
    });
    const found = await kit.callJson<Page<MediaFile>>('GET', '/files?search=THREE', { tenant });
    expect(found.body.success && found.body.data.items.map((file) => file.fileName)).toEqual(['three.txt']);
  });

  it('PATCH renames, DELETE trashes, POST restore brings back, DELETE permanent purges', async () => {
    const tenant = kit.newTenant();
    const { id } = await kit.upload(tenant, 'x', 'old.txt', 'text/plain');
    const renamed = await kit.callJson<MediaFile>('PATCH', `/files/${id}`, {
      tenant,
      json: { fileName: 'new.txt' },
    });
    expect(renamed).toMatchObject({ status: 200, body: { success: true, data: { fileName: 'new.txt' } } });
    const trashed = await kit.callJson<MediaFile>('DELETE', `/files/${id}`, { tenant });
    expect(trashed).toMatchObject({ status: 200, body: { success: true, data: { status: 'deleted' } } });
    const restored = await kit.callJson<MediaFile>('POST', `/files/${id}/restore`, { tenant });
    expect(restored).toMatchObject({
      status: 200,
      body: { success: true, data: { status: 'active', deletedAt: null } },
    });
    await kit.callJson('DELETE', `/files/${id}`, { tenant });
    const purged = await kit.callJson('DELETE', `/files/${id}/permanent`, { tenant });
    expect(purged).toMatchObject({ status: 200, body: { success: true, data: null } });
    expect((await kit.callJson('GET', `/files/${id}`, { tenant })).status).toBe(404);
    await waitUntil(() => kit.keysOf(tenant).length === 0);
  });

  it('PUT /files/:id/content replaces; versions list and restore; history pages', async () => {
    const tenant = kit.newTenant();
    const { id } = await kit.upload(tenant, 'version one', 'doc.txt', 'text/plain');
    const replaced = await kit.callJson<MediaFile>('PUT', `/files/${id}/content`, {
      tenant,
      body: 'version two!',
      headers: { 'content-type': 'text/plain' },
    });
    expect(replaced).toMatchObject({
      status: 200,
      body: { success: true, data: { id, version: 2, fileSize: 12 } },
    });
    const versions = await kit.callJson<MediaVersion[]>('GET', `/files/${id}/versions`, { tenant });
    expect(versions.status).toBe(200);
    expect(
      versions.body.success && versions.body.data.map((version) => [version.versionNumber, version.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const restored = await kit.callJson<MediaFile>('POST', `/files/${id}/versions/1/restore`, { tenant });
    expect(restored).toMatchObject({
      status: 200,
      body: { success: true, data: { version: 3, fileSize: 11 } },
    });
    const content = await kit.call('GET', `/files/${id}/content`, { tenant });
    expect(await content.text()).toBe('version one');
    const history = await kit.callJson<Page<MediaHistoryEntry>>('GET', `/files/${id}/history?limit=2`, {
      tenant,
    });
    expect(history.status).toBe(200);
    expect(history.body.success && history.body.data.items.map((entry) => entry.operation)).toEqual([
      'version_restore',
      'replace',
    ]);
    const cursor = history.body.success ? history.body.data.nextCursor : null;
    const rest = await kit.callJson<Page<MediaHistoryEntry>>(
      'GET',
      `/files/${id}/history?limit=2&cursor=${encodeURIComponent(cursor!)}`,
      { tenant },
    );
    expect(rest.body.success && rest.body.data.items.map((entry) => entry.operation)).toEqual(['upload']);
  });

  it('POST /files/:id/usage links (201, then 200 when repeated), GET lists, DELETE unlinks', async () => {
    const tenant = kit.newTenant();
    const { id } = await kit.upload(tenant, 'x', 'used.txt', 'text/plain');
    const link = { resourceType: 'lesson', resourceId: 'unit/1', resourceTitle: 'Intro' };
    const first = await kit.callJson<MediaUsage>('POST', `/files/${id}/usage`, { tenant, json: link });
    expect(first).toMatchObject({ status: 201, body: { success: true, data: { mediaId: id, ...link } } });
    const again = await kit.callJson<MediaUsage>('POST', `/files/${id}/usage`, { tenant, json: link });
    expect(again.status).toBe(200);
    expect(again.body.success && again.body.data.id).toBe(first.body.success && first.body.data.id);
    const usage = await kit.callJson<MediaUsage[]>('GET', `/files/${id}/usage`, { tenant });
    expect(usage).toMatchObject({ status: 200, body: { success: true, data: [{ resourceId: 'unit/1' }] } });
    const inUse = await kit.callJson('DELETE', `/files/${id}`, { tenant });
    expect(inUse).toMatchObject({ status: 409, body: { success: false, error: { code: 'MEDIA_IN_USE' } } });
    const unlinked = await kit.callJson(
      'DELETE',
      `/files/${id}/usage/lesson/${encodeURIComponent('unit/1')}`,
      { tenant },
    );
    expect(unlinked).toMatchObject({ status: 200, body: { success: true, data: null } });
    expect(await kit.callJson('GET', `/files/${id}/usage`, { tenant })).toMatchObject({ body: { data: [] } });
  });

  it('GET /analytics answers the figures of the tenant', async () => {
    const tenant = kit.newTenant();
    await kit.upload(tenant, PNG_BYTES, 'a.png', 'image/png');
    const analytics = await kit.callJson<StorageAnalytics>('GET', '/analytics?orphanAgeDays=0', { tenant });
    expect(analytics).toMatchObject({
      status: 200,
      body: {
        success: true,
        data: { totalFiles: 1, unusedFiles: 1, byKind: { image: { count: 1, size: PNG_BYTES.length } } },
      },
    });
  });

  it('POST /operations starts a job (202) and GET /operations/:id follows it to completion', async () => {
    const tenant = kit.newTenant();
    const files = await Promise.all(
      [1, 2, 3].map((n) => kit.upload(tenant, `f${n}`, `f${n}.txt`, 'text/plain')),
    );
    const started = await kit.callJson<BulkOperation>('POST', '/operations', {
      tenant,
      json: { type: 'bulk-delete', ids: files.map((file) => file.id) },
    });
    expect(started).toMatchObject({
      status: 202,
      body: { success: true, data: { type: 'bulk-delete', total: 3 } },
    });
    const operationId = started.body.success ? started.body.data.id : '';
    expect(started.headers.get('location')).toBe(`/api/media/operations/${operationId}`);
    let operation: BulkOperation | undefined;
    await waitUntil(async () => {
      const polled = await kit.callJson<BulkOperation>('GET', `/operations/${operationId}`, { tenant });
      operation = polled.body.success ? polled.body.data : undefined;
      return operation?.status === 'completed';
    });
    expect(operation).toMatchObject({ processed: 3, percentage: 100, failed: [] });
    const trash = await kit.callJson<Page<MediaFile>>('GET', '/files?status=deleted', { tenant });
    expect(trash.body.success && trash.body.data.items).toHaveLength(3);
  });
});
