// Containers and batch jobs often have no HOME. With OMERO_SESSIONDIR set, a login over tcp or ws
// needs nothing else; only pinning a TLS certificate needs the OMERO user directory.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { MAIN } from "./cli.ts";

// Deno's own cache must not depend on HOME either.
const DENO_DIR = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;

async function withoutHome(sessionDir: string, args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    clearEnv: true,
    env: { OMERO_SESSIONDIR: sessionDir, DENO_DIR, NO_COLOR: "1", PATH: Deno.env.get("PATH")! },
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("login without HOME: tcp and ws work, ssl says where a pin could go", async () => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "no-home-" });
  try {
    for (const transport of ["tcp", "ws"] as const) {
      const url = `${transport}://127.0.0.1:${server.ports[transport]}`;
      const result = await withoutHome(dir, ["login", "-C", "-w", "ome", `alice@${url}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^Created session for alice@/u);
    }
    const ssl = `ssl://127.0.0.1:${server.ports.ssl}`;
    const pinned = await withoutHome(dir, ["login", "-C", "-w", "ome", `alice@${ssl}`]);
    assert.equal(pinned.code, 1);
    assert.equal(pinned.stderr.trimEnd().split("\n").length, 1, pinned.stderr);
    assert.match(pinned.stderr, /home directory/u);
    const insecure = await withoutHome(dir, [
      "login",
      "-C",
      "--insecure",
      "-w",
      "ome",
      `alice@${ssl}`,
    ]);
    assert.equal(insecure.code, 0, insecure.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
