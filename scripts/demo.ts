// Offline demo (`deno task demo`): a temporary copy of the omero-py store fixture, then the
// commands that need no server, exactly as a user would type them.
import { join } from "node:path";
import { realIO } from "../src/cli/io.ts";
import { runCli } from "../src/cli/program.ts";
import { copyFixtureStore } from "../tests/fixtures/fixture-store.ts";

const parent = Deno.makeTempDirSync({ prefix: "omero-sessions-demo-" });
try {
  const store = copyFixtureStore(parent);
  const io = { ...realIO(), env: { ...Deno.env.toObject(), OMERO_SESSIONDIR: store } };
  console.log(`OMERO_SESSIONDIR=${store}  (a copy of tests/fixtures/omero-py-store)\n`);
  for (const argv of [["key"], ["sessions", "file"], ["list", "--offline"], ["version"]]) {
    console.log(`$ omero-sessions ${argv.join(" ")}`);
    const code = await runCli(argv, io);
    console.log(`(exit ${code})\n`);
  }
  console.log("$ omero-sessions key   # with an empty store");
  const empty = { ...io, env: { ...io.env, OMERO_SESSIONDIR: join(parent, "empty") } };
  console.log(`(exit ${await runCli(["key"], empty)})`);
} finally {
  Deno.removeSync(parent, { recursive: true });
}
