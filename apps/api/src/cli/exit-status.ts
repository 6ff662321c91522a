/**
 * Thrown by a command that has already printed its outcome and only has to end with a non-zero
 * exit code (e.g. `consistency` finding violations): `main` returns the code and prints nothing.
 * The bin sets `process.exitCode` from `main`'s result, so a command must not set it itself.
 */
export class ExitStatus extends Error {
  constructor(
    readonly exitCode: number,
    message = `exit code ${exitCode}`,
  ) {
    super(message);
    this.name = 'ExitStatus';
  }
}
