// Entry point: the real process IO in, an exit code out. Everything else is in src/cli/program.ts.
import { realIO } from "./src/cli/io.ts";
import { programName } from "./src/cli/program-name.ts";
import { runCli } from "./src/cli/program.ts";

Deno.exit(await runCli(Deno.args, realIO(programName())));
