// endProcess in a process of its own: the exit code it is given, whatever is left behind.
import assert from "node:assert/strict";
import { join } from "node:path";

const END_PROCESS = new URL("../../src/cli/end-process.ts", import.meta.url).href;

/** Runs a module that imports endProcess and then does `body`; its exit code and stderr. */
async function run(body: string, stdout: "piped" | "null" = "piped") {
  const dir = await Deno.makeTempDir({ prefix: "end-process-" });
  try {
    const script = join(dir, "main.ts");
    await Deno.writeTextFile(script, `import { endProcess } from "${END_PROCESS}";\n${body}\n`);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", script],
      stdin: "null",
      stdout,
      stderr: "piped",
      signal: AbortSignal.timeout(20_000),
    }).output();
    return { code: output.code, stderr: new TextDecoder().decode(output.stderr) };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("endProcess: exits with the outcome's code, even with a timer left running", async () => {
  assert.deepEqual(
    await run("setInterval(() => {}, 1000);\nendProcess(Promise.resolve(3));"),
    { code: 3, stderr: "" },
  );
});

Deno.test("endProcess: a rejection of abandoned work after the outcome does not change it", async () => {
  const body = "endProcess(Promise.resolve(4).then((code) => {\n" +
    '  setTimeout(() => { throw new Error("late throw"); }, 0);\n' +
    '  Promise.reject(new Error("late rejection"));\n' +
    "  return code;\n}));";
  assert.deepEqual(await run(body), { code: 4, stderr: "" });
});

Deno.test("endProcess: a closed stdout still ends with the code", async () => {
  assert.deepEqual(await run("endProcess(Promise.resolve(5));", "null"), { code: 5, stderr: "" });
});

Deno.test("endProcess: a failing outcome is still an error, not a silent 0", async () => {
  const { code, stderr } = await run('endProcess(Promise.reject(new Error("bug")));');
  assert.equal(code, 1);
  assert.match(stderr, /bug/u);
});
