// Offline demo (`deno task demo`): a temporary copy of the omero-py store fixture, then the
// commands that need no server, exactly as a user would type them. The task runs without network
// permission, so a command that tried to reach a server would fail here, not dial out.
import { join } from "node:path";
import { realIO } from "../src/cli/io.ts";
import { runCli } from "../src/cli/program.ts";
import { copyFixtureStore } from "../tests/fixtures/fixture-store.ts";

const parent = Deno.makeTempDirSync({ prefix: "omero-sessions-demo-" });
try {
  const store = copyFixtureStore(parent);
  const io = { ...realIO(), env: { ...Deno.env.toObject(), OMERO_SESSIONDIR: store } };
  console.log(`OMERO_SESSIONDIR=${store}  (a copy of tests/fixtures/omero-py-store)\n`);
  for (const argv of [["key"], ["sessions", "file"], ["list", "--offline"]]) {
    console.log(`$ omero-sessions ${argv.join(" ")}`);
    const code = await runCli(argv, io);
    console.log(`(exit ${code})\n`);
  }
  // `version` with a current session asks its server: only with an empty store is it offline.
  const empty = { ...io, env: { ...io.env, OMERO_SESSIONDIR: join(parent, "empty") } };
  for (const argv of [["version"], ["key"]]) {
    console.log(`$ omero-sessions ${argv.join(" ")}   # with an empty store`);
    console.log(`(exit ${await runCli(argv, empty)})\n`);
  }
} finally {
  Deno.removeSync(parent, { recursive: true });
}
