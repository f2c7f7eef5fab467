// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { webSocketUrl } from '../../../src/adapters/rest/realtime/openWebSocket';

describe('webSocketUrl in a page', () => {
  it('resolves a relative baseUrl against the page', () => {
    expect(webSocketUrl('/api/media')).toBe(`ws://${window.location.host}/api/media/ws`);
  });
});
