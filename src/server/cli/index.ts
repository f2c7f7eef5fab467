/**
 * The `mediashelf` command line (bin): `serve` (default), `migrate`, `purge`, `seed [count]`.
 * A development and demo server; production hosts mount `createMediaHandler` in their own app.
 */
import { runCli } from './runCli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
