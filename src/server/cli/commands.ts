import {
  createMediaService,
  type MediaContext,
  type MediaService,
  migrationStatus,
  runMigrations,
} from 'mediashelf/server';
import { demoFile } from './demoFiles';
import { describeDatabase, describeStorage, openDatabase, openStorage, type PrintLine } from './openBackends';
import { formatSize } from './parseSize';
import type { CliConfig } from './resolveConfig';

/** Output channels of a command. */
export interface CommandIo {
  out: PrintLine;
  err: PrintLine;
}

/** `mediashelf migrate`: applies pending migrations and lists them. */
export async function migrateCommand(config: CliConfig, io: CommandIo): Promise<number> {
  const database = await openDatabase(config, false);
  try {
    io.out(`database: ${describeDatabase(config)}`);
    const applied = await runMigrations(database.db);
    const status = await migrationStatus(database.db);
    if (applied.length === 0) {
      io.out(`database is up to date (${status.applied.length} migrations applied)`);
    } else {
      for (const name of applied) io.out(`applied ${name}`);
      io.out(`applied ${applied.length} migration(s); ${status.applied.length} in total`);
    }
    if (status.unknown.length > 0) {
      io.err(`warning: the database has migrations this version does not know: ${status.unknown.join(', ')}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

/** Opens database (migrated) and storage, runs `work` with a service, and closes everything. */
async function withService<T>(config: CliConfig, work: (service: MediaService) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, true);
  try {
    const storage = await openStorage(config);
    // Bulk jobs are left to `serve`: a short command must not claim (and hold) them.
    const service = createMediaService({
      db: database,
      storage,
      limits: { maxFileSize: config.maxFileSize },
      bulk: { pollIntervalMs: 0 },
    });
    try {
      return await work(service);
    } finally {
      await service.close();
    }
  } finally {
    await database.close();
  }
}

/** `mediashelf purge`: removes expired trash and finishes interrupted storage work. */
export async function purgeCommand(config: CliConfig, io: CommandIo): Promise<number> {
  const result = await withService(config, (service) => service.purgeExpired());
  io.out(
    `purged ${result.purged} file(s) from the trash; finished ${result.sweptObjects} interrupted storage operation(s)`,
  );
  return 0;
}

const RESOURCES = [
  { resourceType: 'course', resourceId: 'bio-101', resourceTitle: 'Biology 101' },
  { resourceType: 'lesson', resourceId: 'bio-101-l2', resourceTitle: 'Biology 101 · Lesson 2: Cells' },
  { resourceType: 'course', resourceId: 'hist-201', resourceTitle: 'World History' },
  { resourceType: 'chapter', resourceId: 'math-7-ch3', resourceTitle: 'Math 7 · Chapter 3: Fractions' },
];

/**
 * `mediashelf seed [count]`: uploads generated files through the service (so they are sniffed,
 * hashed and recorded like real uploads), links every third to a course, lesson or chapter, and
 * moves every fifth of the others to the trash.
 */
export async function seedCommand(config: CliConfig, io: CommandIo): Promise<number> {
  const { count, tenantId, userId } = config.seed;
  const context: MediaContext = { tenantId, userId };
  io.out(`database: ${describeDatabase(config)}`);
  io.out(`storage:  ${describeStorage(config)}`);
  const summary = await withService(config, async (service) => {
    let linked = 0;
    let trashed = 0;
    let bytes = 0;
    for (let index = 0; index < count; index++) {
      const demo = demoFile(index);
      const file = await service.uploadMedia(context, {
        body: demo.bytes,
        fileName: demo.fileName,
        contentType: demo.contentType,
        size: demo.bytes.length,
      });
      bytes += demo.bytes.length;
      if (index % 3 === 0) {
        const resource = RESOURCES[(index / 3) % RESOURCES.length]!;
        await service.linkMedia(context, { mediaId: file.id, ...resource });
        linked++;
      } else if (index % 5 === 4) {
        await service.deleteMedia(context, { id: file.id });
        trashed++;
      }
    }
    return { linked, trashed, bytes };
  });
  io.out(
    `seeded ${count} file(s) (${formatSize(summary.bytes)}) into tenant '${tenantId}': ` +
      `${count - summary.trashed} active (${summary.linked} linked to courses), ${summary.trashed} in the trash`,
  );
  return 0;
}
