// What every repository factory accepts besides the store: today only the clock that stamps
// `createdAt`, `updatedAt` and new budget periods, so tests can fix time.

export interface RepositoryOptions {
  /** Defaults to the system clock. */
  readonly now?: () => Date;
}

export function clockOf(options: RepositoryOptions): () => Date {
  return options.now ?? (() => new Date());
}
