// Worker thread of bulk-delete.bench.ts: a WebSocket client on its own event loop, so the
// receive time it records is not delayed by the server's work on the main thread (PGlite runs
// there). Times are `performance.timeOrigin + performance.now()`, comparable across threads.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

export interface ReceivedMessage {
  at: number;
  type: string;
  bytes: number;
  operationId?: string;
  status?: string;
  processed?: number;
  total?: number;
  emittedAt?: number;
  sentAt?: number;
  ids?: number;
}

const { url, headers } = workerData as { url: string; headers: Record<string, string> };
const now = () => performance.timeOrigin + performance.now();
const received: ReceivedMessage[] = [];
const socket = new WebSocket(url, { headers });

socket.on('open', () => parentPort?.postMessage({ type: 'open' }));
socket.on('error', (error) => parentPort?.postMessage({ type: 'error', message: String(error) }));
socket.on('message', (data) => {
  const at = now();
  const text = data.toString();
  const message = JSON.parse(text) as {
    type: string;
    operation?: { id: string; status: string; processed: number; total: number };
    ids?: string[];
    emittedAt?: number;
    sentAt?: number;
  };
  const record: ReceivedMessage = { at, type: message.type, bytes: text.length };
  if (message.operation) {
    record.operationId = message.operation.id;
    record.status = message.operation.status;
    record.processed = message.operation.processed;
    record.total = message.operation.total;
  }
  if (message.ids) record.ids = message.ids.length;
  if (message.emittedAt !== undefined) record.emittedAt = message.emittedAt;
  if (message.sentAt !== undefined) record.sentAt = message.sentAt;
  received.push(record);
  if (record.status === 'completed' || record.status === 'failed' || record.status === 'cancelled') {
    parentPort?.postMessage({ type: 'final', operationId: record.operationId, status: record.status });
  }
});

parentPort?.on('message', (message: { type: string }) => {
  if (message.type === 'report') parentPort?.postMessage({ type: 'report', received: received.splice(0) });
  if (message.type === 'close') {
    socket.close();
    parentPort?.close();
  }
});
