// Entry point: the real process IO in, an exit code out. Everything else is in src/cli/start.ts.
//
// No top-level await: Deno writes a module's V8 code cache once it has seen the module finish
// evaluating, which it sees only on a turn of its event loop. `Deno.exit(await start(…))` kept
// this module evaluating until the exit, so its cache was never written; for the bundle, whose
// one module is the whole program, that meant compiling it afresh at every start, about 10 ms
// (docs/bench.md). An empty write to stdout gives Deno that turn before the exit.
import { isOsError } from "./src/fs/os-error.ts";
import { realIO } from "./src/cli/io.ts";
import { programName } from "./src/cli/program-name.ts";
import { start } from "./src/cli/start.ts";

start(Deno.args, realIO(programName())).then(async (code) => {
  try {
    await Deno.stdout.write(new Uint8Array());
  } catch (error) {
    // A closed stdout: the turn of the event loop was taken all the same.
    if (!isOsError(error)) throw error;
  }
  Deno.exit(code);
});
