// The bundle is one module holding the whole program: unless Deno writes V8's code cache for it,
// every start compiles it anew (docs/bench.md). Deno writes that cache on its module loader's next
// pass of the event loop, so this fails if the process goes back to exiting before that pass
// (`Deno.exit(await start(…))` in main.ts, see src/cli/end-process.ts). It reads Deno's own
// cache database, whose layout belongs to the Deno version in package.json: a change there fails
// this test rather than passing it blindly.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import { bundle } from "../../scripts/bundle.ts";
import { PERMISSIONS } from "../../scripts/permissions.ts";

Deno.test("bundle: a run leaves V8's code cache for it, on the parser's path and a local one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "code-cache-" });
  try {
    const file = join(dir, "omero-sessions.js");
    await bundle(file);
    // `--version` goes through the parser; `key` is a local command that makes no async call.
    for (const args of [["--version"], ["key"]]) {
      const denoDir = await Deno.makeTempDir({ dir, prefix: "deno-dir-" });
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--no-config", ...PERMISSIONS, file, ...args],
        env: { DENO_DIR: denoDir, OMERO_USERDIR: join(dir, "omero"), NO_COLOR: "1" },
        cwd: dir,
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).output();
      assert.ok(output.code === 0 || args[0] === "key", `${args}: exit ${output.code}`);
      assert.ok(
        cachedBytes(join(denoDir, "v8_code_cache_v2"), pathToFileURL(file).href) > 0,
        `${args}: no code cache for the bundle`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function cachedBytes(database: string, specifier: string): number {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    const row = db.prepare("SELECT length(data) AS bytes FROM codecache WHERE specifier = ?")
      .get(specifier) as { bytes: number } | undefined;
    return row?.bytes ?? 0;
  } finally {
    db.close();
  }
}
