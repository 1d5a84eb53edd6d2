/** Exit codes of the `veta` CLI: scripts outside the project depend on them. */
export const ExitCode = {
  ok: 0,
  rejected: 1,
  usage: 2,
  skipped: 3,
  locked: 4,
  /** A bug: an error no command expected (its stack is printed). sysexits' EX_SOFTWARE. */
  internal: 70,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends a CLI command with a given exit code and a message on stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
