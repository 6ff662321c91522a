import { Command, CommanderError } from 'commander';
import { isRustyError } from '@rustygpt/core';
import { registerCommands } from './commands';
import { ExitStatus } from './exit-status';

/** Exit codes: 0 ok, 1 unexpected failure, 2 bad input, 3 unavailable dependency, 130 cancelled. */
export function exitCodeFor(error: unknown): number {
  if (isRustyError(error)) {
    switch (error.code) {
      case 'BAD_USER_INPUT':
      case 'NOT_FOUND':
      case 'CONFLICT':
        return 2;
      case 'UNAVAILABLE':
        return 3;
      case 'CANCELLED':
        return 130;
      default:
        return 1;
    }
  }
  return 1;
}

/** Builds the CLI program (exported for tests and `--help` snapshots). */
export function buildProgram(): Command {
  const program = new Command('rustygpt')
    .description('RustyGPT: answers questions by reasoning over a knowledge graph')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ExitStatus) return error.exitCode;
    if (isRustyError(error)) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    } else {
      process.stderr.write(
        `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return exitCodeFor(error);
  }
}
