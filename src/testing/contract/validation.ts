import type { ListMediaParams } from 'mediashelf/core';
import { describe, it } from 'vitest';
import type { ContractContext } from './context';
import { expectMediaError, upload } from './helpers';

// Deliberately outside the declared types: callers in plain JavaScript or over the wire send these.
const INVALID_LIST_PARAMS: [string, Record<string, unknown>][] = [
  ['an unknown sort', { sort: 'color' }],
  ['an unknown order', { order: 'sideways' }],
  ['an unknown status', { status: 'archived' }],
  ['an unknown kind', { kind: 'hologram' }],
  ['an unknown kind inside a kind list', { kind: ['image', 'hologram'] }],
  ['an unknown usage filter', { usage: 'sometimes' }],
  ['limit 0', { limit: 0 }],
  ['a negative limit', { limit: -5 }],
  ['a fractional limit', { limit: 2.5 }],
  ['a non-numeric limit', { limit: 'ten' }],
  ['a negative orphanAgeDays', { usage: 'orphaned', orphanAgeDays: -1 }],
];

/** Every invalid listMedia parameter rejects VALIDATION_ERROR. */
export function describeListValidation(ctx: ContractContext): void {
  describe('listMedia: invalid parameters', () => {
    for (const [what, params] of INVALID_LIST_PARAMS) {
      it(`rejects ${what} with VALIDATION_ERROR`, async () => {
        await upload(ctx.adapter);
        await expectMediaError(ctx.adapter.listMedia(params as ListMediaParams), 'VALIDATION_ERROR');
      });
    }
  });
}
