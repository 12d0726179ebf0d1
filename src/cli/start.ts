// From the process's arguments and IO to its exit code: a local command line runs at once
// (src/cli/local-commands.ts); every other goes through the parser (src/cli/program.ts), loaded
// only then.
import { lazyImport } from "../lazy-import.ts";
import { commandContext } from "./context.ts";
import type { IO } from "./io.ts";
import { localCommand } from "./local-commands.ts";
import { runReported } from "./run-reported.ts";

export async function start(argv: string[], io: IO): Promise<number> {
  const local = localCommand(argv, commandContext(io));
  if (local) return runReported(io, local);
  const { runCli } = await lazyImport<typeof import("./program.ts")>("cli/program.ts");
  return runCli(argv, io);
}
