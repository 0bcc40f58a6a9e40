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
  return (
    err instanceof Error &&
    err.name === 'CommandError' &&
    ((err as { exitCode?: unknown }).exitCode === 1 || (err as { exitCode?: unknown }).exitCode === 2)
  );
}

/**
 * A domain refusal from a service (@liaison/domain's DomainError, or an HTTP layer's AppError):
 * released already, not closed, unprotectable. Its message is written for people.
 */
export function isDomainError(err: unknown): err is Error & { code: string; kind?: string } {
  return (
    err instanceof Error && (err.name === 'DomainError' || err.name === 'AppError') && typeof (err as { code?: unknown }).code === 'string'
  );
}

/** Whether a domain refusal is about the input (a usage error, exit 2) rather than the state of things (exit 1). */
export function isInputRefusal(err: Error & { code: string; kind?: string }): boolean {
  return err.kind === 'invalid' || err.code === 'VALIDATION' || err.code === 'VALIDATION_FAILED';
}
