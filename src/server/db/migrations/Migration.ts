/**
 * One versioned schema change. Migrations run in array order, each once, inside the
 * transaction of {@link runMigrations}; `name` is what `mediashelf_migrations` records, so it
 * never changes once released. Each statement is a single SQL command (PGlite's extended
 * protocol runs one command per call) and is written to be idempotent on its own
 * (`IF NOT EXISTS`, `OR REPLACE`), so a schema half-created by hand does not block a run.
 */
export interface Migration {
  readonly name: string;
  readonly statements: readonly string[];
}
