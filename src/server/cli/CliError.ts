/**
 * An error the CLI reports as one line and an exit code: 2 for a usage mistake (an unknown
 * flag, a bad value), 1 for a failure at run time (an unreachable database, a port in use).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake: exit code 2, printed with a pointer to `--help`. */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** The innermost useful message of an error chain (AggregateError included), on one line. */
export function rootMessage(error: unknown): string {
  let current: unknown = error;
  let best = '';
  for (let depth = 0; depth < 8 && current !== null && current !== undefined; depth += 1) {
    const candidate = current as { message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof candidate.message === 'string' && candidate.message.trim() !== '') best = candidate.message;
    if (Array.isArray(candidate.errors) && candidate.errors.length > 0) {
      current = candidate.errors[0];
      continue;
    }
    current = candidate.cause;
  }
  if (best === '') best = String(error);
  return best.replace(/\s+/g, ' ').trim();
}
