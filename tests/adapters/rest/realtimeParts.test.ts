import { createRestAdapter } from 'mediashelf/adapters/rest';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/adapters/rest/realtime/backoffDelay';
import { createOperationTracker } from '../../../src/adapters/rest/realtime/createOperationTracker';
import { webSocketUrl } from '../../../src/adapters/rest/realtime/openWebSocket';
import {
  createEventStreamParser,
  type ServerSentEvent,
} from '../../../src/adapters/rest/realtime/parseEventStream';
import { parseRealtimeMessage } from '../../../src/adapters/rest/realtime/parseRealtimeMessage';
import { operation } from './mswHelpers';

describe('createEventStreamParser', () => {
  const parse = (chunks: string[]) => {
    const events: ServerSentEvent[] = [];
    const feed = createEventStreamParser((event) => events.push(event));
    for (const chunk of chunks) feed(chunk);
    return events;
  };

  it('reads events split across chunks at any point', () => {
    const text = 'event: media.changed\ndata: {"a":1}\n\nretry: 3000\n: heartbeat\n\ndata: plain\n\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { event: 'media.changed', data: '{"a":1}' },
      { event: 'message', data: 'plain' },
    ]);
    for (let cut = 1; cut < text.length; cut++)
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it('accepts CRLF and CR line ends, joins multi-line data and keeps the id', () => {
    expect(parse(['id: 7\r\ndata: one\r\ndata: two\r\n\r\n', 'data:x\r', '\r\n'])).toEqual([
      { event: 'message', data: 'one\ntwo', id: '7' },
      { event: 'message', data: 'x', id: '7' },
    ]);
  });

  it('ignores comments and events without data', () => {
    expect(parse([': ping\n\nevent: empty\n\n'])).toEqual([]);
  });
});

describe('parseRealtimeMessage', () => {
  it('reads both event types from JSON with a type field', () => {
    const op = operation();
    expect(parseRealtimeMessage(JSON.stringify({ type: 'operation.progress', operation: op }))).toEqual({
      type: 'operation.progress',
      operation: op,
    });
    expect(parseRealtimeMessage('{"type":"media.changed","ids":["a"],"change":"deleted"}')).toEqual({
      type: 'media.changed',
      ids: ['a'],
      change: 'deleted',
    });
  });

  it('takes the type from the SSE event name when the data has none', () => {
    expect(parseRealtimeMessage('{"ids":["a"],"change":"linked"}', 'media.changed')).toEqual({
      type: 'media.changed',
      ids: ['a'],
      change: 'linked',
    });
  });

  it('ignores other messages and malformed ones', () => {
    for (const message of [
      'not json',
      '[]',
      '{"type":"error","error":{}}',
      '{"type":"media.changed","ids":"a","change":"x"}',
      '{"type":"operation.progress","operation":{}}',
    ]) {
      expect(parseRealtimeMessage(message), message).toBeNull();
    }
  });
});

describe('createOperationTracker', () => {
  it('lets only forward-moving states through and the final state once', () => {
    const tracker = createOperationTracker();
    const at = (processed: number, status = 'processing') =>
      operation({ processed, status: status as 'processing' });
    expect(tracker.offer(at(0, 'queued'))).toBe(true);
    expect(tracker.offer(at(0, 'queued'))).toBe(false);
    expect(tracker.offer(at(0))).toBe(true);
    expect(tracker.offer(at(2))).toBe(true);
    expect(tracker.offer(at(1))).toBe(false);
    expect(tracker.pending()).toEqual(['op-1']);
    expect(tracker.offer(at(3, 'completed'))).toBe(true);
    expect(tracker.offer(at(3, 'completed'))).toBe(false);
    expect(tracker.offer(at(3))).toBe(false);
    expect(tracker.pending()).toEqual([]);
  });

  it('forgets an operation', () => {
    const tracker = createOperationTracker();
    tracker.offer(operation());
    tracker.forget('op-1');
    expect(tracker.pending()).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the maximum, with half of each delay random', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, 100, 1000, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, 100, 1000, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect(backoffDelay(1000, 100, 1000, () => 0.5)).toBe(750);
  });
});

describe('webSocketUrl', () => {
  it('maps http to ws and https to wss under <baseUrl>/ws', () => {
    expect(webSocketUrl('http://127.0.0.1:3000/api/media/')).toBe('ws://127.0.0.1:3000/api/media/ws');
    expect(webSocketUrl('https://lms.example/api/media')).toBe('wss://lms.example/api/media/ws');
  });

  it('does not make creating an adapter with a relative baseUrl throw outside a page (SSR)', () => {
    expect(() => createRestAdapter({ baseUrl: '/api/media' })).not.toThrow();
  });
});
