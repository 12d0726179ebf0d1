// Entry point: the real process IO in, an exit code out. Everything else is in src/cli/start.ts;
// how the process ends, and why not by a plain Deno.exit, in src/cli/end-process.ts.
import { endProcess } from "./src/cli/end-process.ts";
import { realIO } from "./src/cli/io.ts";
import { programName } from "./src/cli/program-name.ts";
import { start } from "./src/cli/start.ts";

endProcess(start(Deno.args, realIO(programName())));
