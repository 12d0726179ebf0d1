// The launchers run the tool with exactly the permissions the compiled binaries get.
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../../scripts/bundle.ts";
import { PERMISSIONS } from "../../scripts/permissions.ts";

for (const launcher of ["bin/omero-sessions", "npm/omero-sessions"]) {
  Deno.test(`${launcher}: deno run with the packaged permissions`, async () => {
    const text = await Deno.readTextFile(join(ROOT, launcher));
    const run = text.split("\n").find((line) => /^exec .* run /u.test(line));
    assert.ok(run, "no `exec … run` line");
    const flags = run.split(" ").filter((word) => /^--(allow|deny|no-prompt)/u.test(word));
    assert.deepEqual(flags, [...PERMISSIONS]);
  });
}
