/** Exit codes of the `ganvas` command, and the error that carries one to the top. */
export const EXIT = {
  ok: 0,
  /** A bug or an environment failure (a backend that will not start): not the user's input. */
  failed: 1,
  /** Bad arguments, an unreadable or invalid file, a graph with errors. */
  usage: 2,
  /** A loss became NaN or infinite; the last finite state was saved. */
  nonFinite: 3,
  /** Stopped by Ctrl-C (SIGINT: 128 + 2) or SIGTERM (128 + 15); the state was saved. */
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/** A problem the user can fix: printed as its message alone, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
