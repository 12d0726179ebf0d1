// Runs a command and turns what it throws into the exit code and one line on stderr, for both
// ways a command starts (src/cli/start.ts): through the parser, or as a local command line that
// needs none.
import { escapeControl } from "../control-chars.ts";
import { CliError } from "../errors.ts";
import { lazyImport } from "../lazy-import.ts";
import { ExitCode } from "./exit-codes.ts";
import type { IO } from "./io.ts";

/**
 * `run`'s number is the exit code (`exec` passes its child's status, any number or 128+N for a
 * signal, through as ours); anything else is success. `isUsage` tells the errors besides
 * CliError whose message is for the user as it is (the parser's).
 */
export async function runReported(
  io: IO,
  run: () => unknown,
  isUsage: (error: unknown) => error is Error = (_error): _error is Error => false,
): Promise<number> {
  try {
    const status = await run();
    return typeof status === "number" ? status : ExitCode.ok;
  } catch (error) {
    report(
      io,
      error instanceof CliError || isUsage(error)
        ? error.message
        : `internal error: ${error instanceof Error ? error.message : error}`,
    );
    // Loaded only now: the error kinds of every layer are not needed to succeed.
    const { exitCodeFor } = await lazyImport<typeof import("./exit-code.ts")>("cli/exit-code.ts");
    return exitCodeFor(error);
  }
}

/**
 * The last word on stderr, one line: messages carry what servers and files said, so control
 * characters are escaped. If even stderr fails (a full disk), the exit code still tells.
 */
function report(io: IO, line: string): void {
  try {
    io.stderr.write(`${escapeControl(line)}\n`);
  } catch (error) {
    // "cannot write to stderr": nowhere left to say it.
    if (!(error instanceof CliError)) throw error;
  }
}
