// Entry point: the real process IO in, an exit code out. Everything else is in src/cli/program.ts.
import { basename } from "node:path";
import { realIO } from "./src/cli/io.ts";
import { runCli } from "./src/cli/program.ts";

// A compiled binary installed as `omero` introduces itself as such; under `deno run` only the
// bin/omero-sessions wrapper can tell (it passes the name it was called by).
const executable = basename(Deno.execPath()).replace(/\.exe$/u, "");
const name = executable === "deno"
  ? Deno.env.get("OMERO_SESSIONS_PROGRAM_NAME") || "omero-sessions"
  : executable;
Deno.exit(await runCli(Deno.args, realIO(name)));
