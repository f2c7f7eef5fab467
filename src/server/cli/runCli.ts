import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, rootMessage } from './CliError';
import { type CommandIo, migrateCommand, purgeCommand, seedCommand } from './commands';
import { type CliEnv, resolveConfig } from './resolveConfig';
import { serveCommand } from './serveCommand';
import { USAGE } from './usage';

/** What {@link runCli} reads and writes; the process's own by default. */
export interface CliOptions {
  env?: CliEnv;
  cwd?: string;
  /** One line of normal output (default: stdout). */
  out?: (line: string) => void;
  /** One line of diagnostics (default: stderr). */
  err?: (line: string) => void;
  /** Ends `serve` when aborted (default: the first SIGINT or SIGTERM). */
  stop?: AbortSignal;
}

/** The package version, read from the nearest mediashelf package.json above this module. */
export function packageVersion(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = path.join(directory, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'mediashelf' && pkg.version) return pkg.version;
      } catch {
        // Not readable: keep looking above.
      }
    }
    directory = path.dirname(directory);
  }
  return 'unknown';
}

function signalStop(err: (line: string) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      err(`${name} again: exiting without a clean shutdown`);
      process.exit(130);
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Runs the `mediashelf` command line and resolves with its exit code: 0 on success, 1 when the
 * command failed (database unreachable, port in use), 2 on a usage mistake. Errors are printed
 * as one line, without a stack (set `MEDIASHELF_DEBUG=1` for the stack).
 */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const io: CommandIo = {
    out: options.out ?? ((line) => process.stdout.write(`${line}\n`)),
    err: options.err ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  let stopHandle: { signal: AbortSignal; dispose(): void } | undefined;
  try {
    const config = resolveConfig(argv, env, options.cwd ?? process.cwd());
    if (config.help) {
      io.out(USAGE);
      return 0;
    }
    if (config.version) {
      io.out(packageVersion());
      return 0;
    }
    switch (config.command) {
      case 'migrate':
        return await migrateCommand(config, io);
      case 'purge':
        return await purgeCommand(config, io);
      case 'seed':
        return await seedCommand(config, io);
      default: {
        io.out(`mediashelf ${packageVersion()}`);
        stopHandle = options.stop ? undefined : signalStop(io.err);
        return await serveCommand(config, io, options.stop ?? stopHandle!.signal);
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`mediashelf: ${error.message}`);
      if (error.exitCode === 2) {
        io.err('Usage: mediashelf [serve | migrate | purge | seed [count]] [options]');
        io.err("Run 'mediashelf --help' for the options.");
      }
      return error.exitCode;
    }
    io.err(`mediashelf: ${rootMessage(error)}`);
    if (env.MEDIASHELF_DEBUG) io.err(String((error as Error)?.stack ?? error));
    return 1;
  } finally {
    stopHandle?.dispose();
  }
}
