// `deno task bundle`: the one-file bundle, run from a directory of its own with exactly the
// permissions of the packaged forms, passes the smoke test against the local test server.
import assert from "node:assert/strict";
import { join } from "node:path";
import { bundle } from "../../scripts/bundle.ts";
import { PERMISSIONS } from "../../scripts/permissions.ts";
import { startTestServer } from "../../testserver/start.ts";
import { ok, runPackaged, smoke } from "./packaged.ts";

Deno.test("bundle: one file that runs on its own with the packaged permissions", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "bundle-e2e-" });
  try {
    const file = join(dir, "omero-sessions.js");
    await bundle(file);
    const tool = { command: [Deno.execPath(), "run", "--no-config", ...PERMISSIONS, file] };

    await t.step("--version, and the name it is run under", async () => {
      const named = { ...tool, env: { OMERO_SESSIONS_PROGRAM_NAME: "omero" } };
      const help = ok(await runPackaged(named, dir, ["--help"]));
      assert.match(help.stdout, /^usage: omero /imu);
      const version = ok(await runPackaged(tool, dir, ["--version"]));
      assert.match(version.stdout, /\d+\.\d+\.\d+/u);
    });

    await t.step(
      "login over tcp, ssl and wss, list, status, exec, trust list, logout",
      async () => {
        await using server = await startTestServer();
        await smoke(tool, server, dir);
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
