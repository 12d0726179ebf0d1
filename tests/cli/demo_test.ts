// `deno task demo` stays offline, as the README says: the task runs without network permission,
// so a command that tried to reach a server would print a failure here instead of dialling out.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("deno task demo: offline, every command as shown, no failure", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "demo"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, text);
  assert.doesNotMatch(text, /note:|NotCapable|net access|internal error|connection refused/u);
  const exits = [...text.matchAll(/^\(exit (\d+)\)$/gmu)].map((match) => Number(match[1]));
  assert.deepEqual(exits, [0, 0, 0, 0, 4], text);
  assert.match(text, /# with an empty store\n\d+\.\d+\.\d+\n\(exit 0\)/u);
});
