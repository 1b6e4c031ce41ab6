// The one failure a shared-state backend reports to its callers: the state could not be read or
// written (unreachable, timed out, refused). How a request answers it is decided by the server.

/** The shared state could not answer; limits and budgets cannot be checked until it can. */
export class SharedStateUnavailableError extends Error {
  override readonly name = 'SharedStateUnavailableError';

  constructor(operation: string, cause: unknown) {
    // Backend errors name hosts, ports and commands, never passwords or counter values.
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`shared state unavailable: ${operation} failed (${reason})`, { cause });
  }
}
