// 1 GiB upload through createMediaHandler on a real Node server (child process, PGlite, local
// disk), the body generated on the fly by the client. Reports the server's peak RSS growth
// (target < 100 MB) and the throughput as a ratio to copying the same 1 GiB file on the same
// disk. Writes bench/results/http-upload.{json,md}.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// MEDIASHELF_BENCH_UPLOAD_MIB shrinks the upload for a quick local run; the bench is 1 GiB.
const TOTAL = Number(process.env.MEDIASHELF_BENCH_UPLOAD_MIB ?? 1024) * 1024 ** 2;
const CHUNK = 1024 ** 2;
const POOL = 16 * CHUNK;
const SAMPLE_MS = 50;
const RSS_TARGET = 100 * 1024 ** 2;
const MiB = 1024 ** 2;
const resultsDir = join(import.meta.dirname, '..', 'results');

// An MP4 header, so the upload is a plausible video/mp4 and passes the magic-byte check.
const MP4_HEAD = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypmp42', 'latin1'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mp42isom', 'latin1'),
]);

/**
 * The bench's bytes: slices of a 16 MiB random pool at offsets that move with every chunk, so
 * consecutive chunks differ and nothing near 1 GiB is ever in memory. Same bytes every call.
 */
function* chunks(pool: Buffer): Generator<Buffer> {
  for (let index = 0, sent = 0; sent < TOTAL; index++) {
    const size = Math.min(CHUNK, TOTAL - sent);
    const offset = ((index * 7_919 * 4_096) % (POOL - CHUNK)) & ~7;
    const chunk = pool.subarray(offset, offset + size);
    sent += size;
    yield index === 0 ? Buffer.concat([MP4_HEAD, chunk.subarray(MP4_HEAD.length)]) : chunk;
  }
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

function resetPeak(pid: number): boolean {
  try {
    // "5" resets VmHWM to the current RSS (Linux 4.0+); not allowed everywhere.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (value: { type: string }) => {
      if (value.type !== type) return;
      child.off('message', listener);
      resolve(value as T);
    };
    child.on('message', listener);
  });
}

function upload(
  url: string,
  body: Iterable<Buffer>,
  size: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/media/files`,
      {
        method: 'POST',
        headers: {
          'content-type': 'video/mp4',
          'content-length': String(size),
          'x-file-name': encodeURIComponent('Lecture 01 - one gibibyte.mp4'),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    pipeline(Readable.from(body), req).catch(reject);
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const mibPerSecond = (ms: number) => TOTAL / MiB / (ms / 1000);

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'mediashelf-upload-bench-'));
  const pool = randomBytes(POOL);
  let child: ChildProcess | undefined;
  try {
    // 1. The reference: the same bytes written to a file, then copied on the same disk.
    const source = join(dir, 'source.bin');
    await pipeline(Readable.from(chunks(pool)), createWriteStream(source, { flush: true }));
    const streamCopy = await timed(() =>
      pipeline(
        createReadStream(source, { highWaterMark: CHUNK }),
        createWriteStream(join(dir, 'stream-copy.bin'), { flush: true }),
      ),
    );
    await rm(join(dir, 'stream-copy.bin'));
    const fsCopy = await timed(() => copyFile(source, join(dir, 'copyfile.bin')));
    await rm(join(dir, 'copyfile.bin'));
    await rm(source);
    console.log(
      `disk reference: stream copy (read stream -> write stream, fsync at end) ${(streamCopy.ms / 1000).toFixed(2)} s = ${mibPerSecond(streamCopy.ms).toFixed(0)} MiB/s; fs.copyFile ${(fsCopy.ms / 1000).toFixed(2)} s = ${mibPerSecond(fsCopy.ms).toFixed(0)} MiB/s`,
    );

    // 2. The server, in its own process.
    child = fork(join(import.meta.dirname, 'uploadServer.ts'), [dir], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const { url } = await message<{ url: string }>(child, 'ready');
    const pid = child.pid!;
    // Warm up: a small upload, so lazily loaded code and buffers are in place before the baseline.
    const warm = Buffer.concat([MP4_HEAD, randomBytes(4 * MiB)]);
    const warmReply = await upload(url, [warm], warm.length);
    if (warmReply.status !== 201)
      throw new Error(`warm-up upload failed: ${warmReply.status} ${warmReply.body}`);
    child.send({ type: 'gc' });
    await message(child, 'gc-done');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const baseline = rssOf(pid).rss;
    const peakReset = resetPeak(pid);

    let peak = baseline;
    const samples: number[] = [];
    const reported = { heapUsed: 0, arrayBuffers: 0, external: 0 };
    const before = {
      heapUsed: Number.POSITIVE_INFINITY,
      arrayBuffers: Number.POSITIVE_INFINITY,
      external: Number.POSITIVE_INFINITY,
    };
    const onMemory = (value: { type: string } & typeof reported) => {
      if (value.type !== 'memory') return;
      for (const key of ['heapUsed', 'arrayBuffers', 'external'] as const) {
        reported[key] = Math.max(reported[key], value[key]);
        if (samples.length === 0) before[key] = Math.min(before[key], value[key]);
      }
    };
    child.on('message', onMemory);
    const sampler = setInterval(() => {
      const { rss } = rssOf(pid);
      samples.push(rss);
      if (rss > peak) peak = rss;
    }, SAMPLE_MS);
    const result = await timed(() => upload(url, chunks(pool), TOTAL));
    clearInterval(sampler);
    child.off('message', onMemory);
    console.log(
      `server V8 peaks during the upload: heapUsed +${((reported.heapUsed - before.heapUsed) / MiB).toFixed(0)} MiB, arrayBuffers +${((reported.arrayBuffers - before.arrayBuffers) / MiB).toFixed(0)} MiB, external +${((reported.external - before.external) / MiB).toFixed(0)} MiB`,
    );
    const hwm = rssOf(pid).hwm;
    child.send({ type: 'gc' });
    const afterGc = await message<{ rss: number; arrayBuffers: number }>(child, 'gc-done');
    console.log(
      `server after the upload and a full GC: rss ${(afterGc.rss / MiB).toFixed(0)} MiB, arrayBuffers ${(afterGc.arrayBuffers / MiB).toFixed(0)} MiB`,
    );
    if (result.value.status !== 201)
      throw new Error(`upload failed: ${result.value.status} ${result.value.body}`);
    const file = JSON.parse(result.value.body).data as { id: string; fileSize: number; fileType: string };
    if (file.fileSize !== TOTAL) throw new Error(`stored ${file.fileSize} bytes, expected ${TOTAL}`);
    const peakGrowth = Math.max(peak, peakReset ? hwm : 0) - baseline;

    child.send({ type: 'close' });
    await new Promise((resolve) => child?.once('exit', resolve));
    child = undefined;

    const summary = {
      bench: 'http-upload',
      date: new Date().toISOString(),
      node: process.version,
      bytes: TOTAL,
      server:
        'createNodeServer + createMediaHandler in a child process; PGlite in memory; local disk storage',
      client:
        'node:http request, Content-Length set, body generated on the fly in 1 MiB chunks (16 MiB random pool)',
      upload: {
        seconds: result.ms / 1000,
        mibPerSecond: mibPerSecond(result.ms),
        status: result.value.status,
        fileType: file.fileType,
      },
      reference: {
        streamCopy: { seconds: streamCopy.ms / 1000, mibPerSecond: mibPerSecond(streamCopy.ms) },
        copyFile: { seconds: fsCopy.ms / 1000, mibPerSecond: mibPerSecond(fsCopy.ms) },
      },
      ratioToStreamCopy: streamCopy.ms / result.ms,
      ratioToCopyFile: fsCopy.ms / result.ms,
      serverRss: {
        baselineMiB: baseline / MiB,
        peakSampledMiB: peak / MiB,
        peakHwmMiB: peakReset ? hwm / MiB : null,
        peakGrowthMiB: peakGrowth / MiB,
        samples: samples.length,
        sampleEveryMs: SAMPLE_MS,
        targetMiB: RSS_TARGET / MiB,
        met: peakGrowth < RSS_TARGET,
      },
      loadAverage: (await import('node:os')).loadavg(),
    };
    const markdown = [
      '# HTTP upload benchmark: 1 GiB through createMediaHandler',
      '',
      `${summary.server}. Client: ${summary.client}. Reference: the same bytes written to a file in the same temp`,
      'folder first, then copied with a read stream piped into a write stream that fsyncs at the end (as local storage',
      'does), and with fs.copyFile (which may use copy_file_range). Server RSS from /proc/<pid>/status every 50 ms',
      '(VmRSS) plus VmHWM reset after a warm-up upload; growth is over the RSS after the warm-up and a GC.',
      '',
      '| measure | value |',
      '|---|---:|',
      `| upload time | ${summary.upload.seconds.toFixed(2)} s |`,
      `| upload throughput | ${summary.upload.mibPerSecond.toFixed(0)} MiB/s |`,
      `| stream copy on the same disk | ${summary.reference.streamCopy.seconds.toFixed(2)} s (${summary.reference.streamCopy.mibPerSecond.toFixed(0)} MiB/s) |`,
      `| fs.copyFile on the same disk | ${summary.reference.copyFile.seconds.toFixed(2)} s (${summary.reference.copyFile.mibPerSecond.toFixed(0)} MiB/s) |`,
      `| upload / stream copy throughput | ${summary.ratioToStreamCopy.toFixed(2)} |`,
      `| upload / fs.copyFile throughput | ${summary.ratioToCopyFile.toFixed(2)} |`,
      `| server RSS baseline | ${summary.serverRss.baselineMiB.toFixed(0)} MiB |`,
      `| server RSS peak (sampled, ${summary.serverRss.samples} samples) | ${summary.serverRss.peakSampledMiB.toFixed(0)} MiB |`,
      `| server VmHWM during the upload | ${summary.serverRss.peakHwmMiB === null ? 'n/a (clear_refs refused)' : `${summary.serverRss.peakHwmMiB.toFixed(0)} MiB`} |`,
      `| server peak RSS growth | ${summary.serverRss.peakGrowthMiB.toFixed(1)} MiB (target < 100 MB: ${summary.serverRss.met ? 'met' : 'NOT met'}) |`,
      '',
      `Node ${summary.node}, load average at the end ${summary.loadAverage.map((value) => value.toFixed(2)).join(' / ')} (2 cores).`,
      '',
    ].join('\n');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'http-upload.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'http-upload.md'), markdown);
    console.log(markdown);
    if (!summary.serverRss.met) process.exitCode = 1;
  } finally {
    child?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
