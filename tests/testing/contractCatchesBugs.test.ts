import { fileURLToPath } from 'node:url';
import type { RunnerTask } from 'vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';

// Proves the suite can fail: fixtures/brokenAdapters.contract.ts runs the contract against adapters
// that each break one rule, in a nested vitest run, and we read which tests failed.
const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'tests/testing/fixtures/brokenAdapters.contract.ts';
const PREFIX = 'MediaAdapter contract: ';

interface Outcome {
  failed: string[];
  passed: number;
  skipped: string[];
}

async function runBrokenAdapters(): Promise<Map<string, Outcome>> {
  const vitest = await startVitest('test', [FIXTURE], {
    root,
    watch: false,
    include: ['tests/testing/fixtures/*.contract.ts'],
    // A reporter that says nothing: the expected failures would read like real ones in the log.
    reporters: [{}],
  });
  const outcomes = new Map<string, Outcome>();
  const visit = (task: RunnerTask, outcome: Outcome) => {
    if (task.type === 'suite') {
      for (const child of task.tasks) visit(child, outcome);
    } else if (task.mode === 'skip') {
      outcome.skipped.push(task.name);
    } else if (task.result?.state === 'fail') {
      outcome.failed.push(task.name);
    } else if (task.result?.state === 'pass') {
      outcome.passed++;
    }
  };
  for (const file of vitest.state.getFiles()) {
    for (const suite of file.tasks) {
      const outcome: Outcome = { failed: [], passed: 0, skipped: [] };
      visit(suite, outcome);
      outcomes.set(suite.name.replace(PREFIX, ''), outcome);
    }
  }
  await vitest.close();
  return outcomes;
}

const EXPECTED_FAILURES: Record<string, string[]> = {
  'ignores abort signals': [
    'rejects ABORTED when the signal has already fired, and keeps nothing',
    'rejects ABORTED when aborted during the upload, and keeps nothing',
  ],
  'deletes linked files': ['refuses a linked file with MEDIA_IN_USE listing every link in details.usage'],
  'answers INTERNAL for unknown files': [
    'getMedia rejects an unknown id with NOT_FOUND',
    'removes a file in the trash for good',
  ],
  'answers a cursor on the last page': [
    'answers nextCursor null on a last page that is exactly full',
    'pages through every file by fileSize asc without duplicates or gaps',
  ],
  'lists history oldest first': [
    'records rename, delete, restore, link and unlink, newest first',
    'records replace and version_restore, newest first',
  ],
  'makes a new usage on every link': [
    'is idempotent: linking twice answers the same usage and keeps one row',
  ],
  'never delivers events': [
    "emits media.changed 'created' for an upload",
    'emits operation.progress up to a final completed state',
  ],
};

describe('runMediaAdapterContract against broken adapters', () => {
  let outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    outcomes = await runBrokenAdapters();
  }, 120_000);

  it('passes every test for the correct adapter and runs at least 80', () => {
    const control = outcomes.get('correct adapter');
    expect(control?.failed).toEqual([]);
    expect(control!.passed + control!.skipped.length).toBeGreaterThanOrEqual(80);
  });

  for (const [mutation, expected] of Object.entries(EXPECTED_FAILURES)) {
    it(`fails the tests covering an adapter that ${mutation}`, () => {
      expect(outcomes.get(mutation)?.failed).toEqual(expect.arrayContaining(expected));
    });
  }

  it('registers capability-dependent tests as skipped, with the reason in the name', () => {
    const skipped = outcomes.get('correct adapter')?.skipped ?? [];
    expect(skipped).toContain(
      'rejects a file over maxFileSize with FILE_TOO_LARGE, and keeps nothing (skipped: capabilities.maxFileSize not set)',
    );
    expect(skipped).toContain(
      'clamps a limit above 200 to 200 (skipped: capabilities.largeListings is false)',
    );
    expect(skipped.every((name) => name.includes('(skipped: '))).toBe(true);
  });
});
