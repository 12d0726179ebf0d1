// Entry point: the real process IO in, an exit code out. Everything else is in src/cli/start.ts.
import { realIO } from "./src/cli/io.ts";
import { programName } from "./src/cli/program-name.ts";
import { start } from "./src/cli/start.ts";

Deno.exit(await start(Deno.args, realIO(programName())));
