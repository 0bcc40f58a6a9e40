/** A command's failure a person can act on: the message says what to do; exit code 1 (or 2 for usage). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/**
 * This CLI's and @liaison/platform's CommandError alike (recognised by name, so that the platform —
 * slow to load — is imported only by the commands that need it, and `--help` stays quick).
 */
export function isCommandError(err: unknown): err is Error & { exitCode: 1 | 2 } {
  return err instanceof Error && err.name === 'CommandError' && ((err as { exitCode?: unknown }).exitCode === 1 || (err as { exitCode?: unknown }).exitCode === 2);
}

/** A domain refusal from a service (@liaison/http's AppError: released already, not closed, unprotectable). */
export function isAppError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && err.name === 'AppError' && typeof (err as { code?: unknown }).code === 'string';
}
