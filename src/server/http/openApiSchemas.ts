import { MAX_BULK_IDS, MAX_FILE_NAME_LENGTH, MEDIA_ERROR_CODES, MEDIA_KINDS } from 'mediashelf/core';
import type { JsonSchema } from './OpenApiDocument';
import { dateTime, ref } from './openApiBuilders';

/** The component schemas: envelopes, error codes and every entity of the contract. */
export const openApiSchemas: Record<string, JsonSchema> = {
  ErrorCode: { enum: [...MEDIA_ERROR_CODES] },
  ErrorEnvelope: {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { const: false },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: ref('ErrorCode'), message: { type: 'string' }, details: { type: 'object' } },
      },
    },
  },
  SuccessEnvelope: {
    type: 'object',
    required: ['success', 'data'],
    properties: { success: { const: true }, data: {} },
  },
  MediaKind: { enum: [...MEDIA_KINDS] },
  MediaFile: {
    type: 'object',
    required: [
      'id',
      'fileName',
      'originalFileName',
      'fileSize',
      'fileType',
      'kind',
      'status',
      'version',
      'usageCount',
      'uploadDate',
      'createdAt',
      'updatedAt',
      'deletedAt',
      'url',
    ],
    properties: {
      id: { type: 'string' },
      fileName: { type: 'string', maxLength: MAX_FILE_NAME_LENGTH },
      originalFileName: { type: 'string' },
      fileSize: { type: 'integer', minimum: 0 },
      fileType: { type: 'string' },
      kind: ref('MediaKind'),
      status: { enum: ['active', 'deleted', 'processing'] },
      version: { type: 'integer', minimum: 1 },
      usageCount: { type: 'integer', minimum: 0 },
      uploadDate: dateTime,
      createdAt: dateTime,
      updatedAt: dateTime,
      deletedAt: { oneOf: [dateTime, { type: 'null' }] },
      url: { type: 'string', description: 'An authorised endpoint or a signed, expiring URL' },
      thumbnailUrl: { type: ['string', 'null'] },
    },
  },
  MediaFilePage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref('MediaFile') },
      nextCursor: { type: ['string', 'null'] },
      total: { type: 'integer' },
    },
  },
  MediaUsage: {
    type: 'object',
    required: ['id', 'mediaId', 'resourceType', 'resourceId', 'linkedAt'],
    properties: {
      id: { type: 'string' },
      mediaId: { type: 'string' },
      resourceType: { type: 'string' },
      resourceId: { type: 'string' },
      resourceTitle: { type: 'string' },
      linkedAt: dateTime,
    },
  },
  MediaHistoryEntry: {
    type: 'object',
    required: ['id', 'mediaId', 'operation', 'data', 'timestamp'],
    properties: {
      id: { type: 'string' },
      mediaId: { type: 'string' },
      operation: {
        enum: [
          'upload',
          'rename',
          'delete',
          'restore',
          'link',
          'unlink',
          'replace',
          'version_restore',
          'purge',
        ],
      },
      data: { type: 'object' },
      timestamp: dateTime,
      actorId: { type: 'string' },
    },
  },
  MediaHistoryPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref('MediaHistoryEntry') },
      nextCursor: { type: ['string', 'null'] },
    },
  },
  MediaVersion: {
    type: 'object',
    required: ['versionNumber', 'fileSize', 'fileType', 'replacedAt', 'url', 'current'],
    properties: {
      versionNumber: { type: 'integer', minimum: 1 },
      fileSize: { type: 'integer', minimum: 0 },
      fileType: { type: 'string' },
      replacedAt: dateTime,
      url: { type: 'string' },
      current: { type: 'boolean' },
    },
  },
  CountAndSize: {
    type: 'object',
    required: ['count', 'size'],
    properties: { count: { type: 'integer' }, size: { type: 'integer' } },
  },
  StorageAnalytics: {
    type: 'object',
    required: [
      'totalFiles',
      'usedFiles',
      'unusedFiles',
      'totalSize',
      'orphanedFiles',
      'orphanedSize',
      'trashFiles',
      'trashSize',
      'byKind',
    ],
    properties: {
      totalFiles: { type: 'integer' },
      usedFiles: { type: 'integer' },
      unusedFiles: { type: 'integer' },
      totalSize: { type: 'integer' },
      orphanedFiles: { type: 'integer' },
      orphanedSize: { type: 'integer' },
      trashFiles: { type: 'integer' },
      trashSize: { type: 'integer' },
      byKind: {
        type: 'object',
        required: [...MEDIA_KINDS],
        properties: Object.fromEntries(MEDIA_KINDS.map((kind) => [kind, ref('CountAndSize')])),
      },
    },
  },
  BulkOperation: {
    type: 'object',
    required: [
      'id',
      'type',
      'status',
      'total',
      'processed',
      'percentage',
      'succeeded',
      'failed',
      'createdAt',
      'finishedAt',
    ],
    properties: {
      id: { type: 'string' },
      type: { enum: ['bulk-delete', 'bulk-restore', 'bulk-purge'] },
      status: { enum: ['queued', 'processing', 'completed', 'failed', 'cancelled'] },
      total: { type: 'integer' },
      processed: { type: 'integer' },
      percentage: { type: 'integer', minimum: 0, maximum: 100 },
      succeeded: { type: 'array', items: { type: 'string' } },
      failed: {
        type: 'array',
        items: {
          type: 'object',
          required: ['mediaId', 'code', 'message'],
          properties: {
            mediaId: { type: 'string' },
            code: { type: 'string' },
            message: { type: 'string' },
          },
        },
      },
      createdAt: dateTime,
      finishedAt: { oneOf: [dateTime, { type: 'null' }] },
    },
  },
  RenameRequest: {
    type: 'object',
    required: ['fileName'],
    properties: { fileName: { type: 'string', maxLength: MAX_FILE_NAME_LENGTH } },
  },
  LinkRequest: {
    type: 'object',
    required: ['resourceType', 'resourceId'],
    properties: {
      resourceType: { type: 'string' },
      resourceId: { type: 'string' },
      resourceTitle: { type: 'string' },
    },
  },
  BulkOperationRequest: {
    type: 'object',
    required: ['type', 'ids'],
    properties: {
      type: { enum: ['bulk-delete', 'bulk-restore', 'bulk-purge'] },
      ids: { type: 'array', items: { type: 'string' }, maxItems: MAX_BULK_IDS },
    },
  },
  MediaEvent: {
    oneOf: [
      {
        type: 'object',
        required: ['type', 'operation'],
        properties: { type: { const: 'operation.progress' }, operation: ref('BulkOperation') },
      },
      {
        type: 'object',
        required: ['type', 'ids', 'change'],
        properties: {
          type: { const: 'media.changed' },
          ids: { type: 'array', items: { type: 'string' } },
          change: {
            enum: ['created', 'updated', 'deleted', 'restored', 'purged', 'replaced', 'linked', 'unlinked'],
          },
        },
      },
    ],
  },
};
