import { afterAll, beforeAll } from 'vitest';
import {
  createPostgresTestDatabase,
  describeWithPostgres,
  type PostgresTestDatabase,
} from './pgTestDatabase';
import { defineSchemaSuite } from './schemaSuite';

describeWithPostgres('media schema on PostgreSQL', () => {
  let testDatabase: PostgresTestDatabase;
  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await testDatabase?.drop();
  });
  defineSchemaSuite(() => testDatabase.database);
});
