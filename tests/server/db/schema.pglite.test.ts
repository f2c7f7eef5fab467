import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';
import { defineSchemaSuite } from './schemaSuite';

describe('media schema on PGlite', () => {
  let database: MediaDatabaseHandle;
  beforeAll(async () => {
    database = await createDatabase();
  }, 60_000); // starting PGlite is slow on a busy machine
  afterAll(async () => {
    await database.close();
  });
  defineSchemaSuite(() => database);
});
