// End-to-end: the real CLI against the local OMERO test server (real glacier2router): TLS
// pinning, wrong passwords without a terminal, argument conflicts. The main paths over every
// transport are in transports_e2e_test.ts.
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "../../testserver/start.ts";
import { cli } from "./cli.ts";

function url(server: TestServer, transport: "tcp" | "ssl" | "ws" | "wss"): string {
  return `${transport}://127.0.0.1:${server.ports[transport]}`;
}

async function withServer(fn: (server: TestServer) => Promise<void>) {
  const server = await startTestServer();
  try {
    await fn(server);
  } finally {
    await server.stop();
  }
}

function tempDir(): Promise<string> {
  return Deno.makeTempDir({ prefix: "login-e2e-" });
}

Deno.test("TLS: first use pins the certificate, a different one is refused with 6", async () => {
  await withServer(async (server) => {
    const dir = await tempDir();
    const target = `root@${url(server, "ssl")}`;
    const first = await cli(dir, ["login", "-w", "omero", target]);
    assert.equal(first.code, 0, first.stderr);
    const [notice, banner] = first.stderr.trimEnd().split("\n");
    assert.match(notice, /^Trusting the certificate of 127\.0\.0\.1:\d+ on first use/);
    assert.ok(notice.includes(server.fingerprint256), notice);
    assert.match(banner, /^Created session/);
    const second = await cli(dir, ["login", "-C", "-w", "omero", target]);
    assert.match(second.stderr, /^Created session/);
    const knownHosts = `${dir}/known_hosts`;
    const text = await Deno.readTextFile(knownHosts);
    await Deno.writeTextFile(
      knownHosts,
      text.replace(/ [0-9A-F:]{95} /, ` ${"AB:".repeat(31)}AB `),
    );
    const mismatch = await cli(dir, ["login", "-C", "-w", "omero", target]);
    assert.equal(mismatch.code, 6, mismatch.stderr);
    assert.equal(mismatch.stderr.trim().split("\n").length, 1);
    assert.ok(mismatch.stderr.includes(knownHosts), mismatch.stderr);
    await Deno.remove(dir, { recursive: true });
  });
});

Deno.test("login: wrong passwords and argument conflicts (tcp)", async (t) => {
  await withServer(async (server) => {
    const dir = await tempDir();
    const tcp = url(server, "tcp");
    await t.step("wrong password without a terminal: the server's reason, exit 3", async () => {
      const result = await cli(dir, ["login", "-C", "-w", "wrong", `bob@${tcp}`]);
      assert.equal(result.code, 3);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
      assert.match(result.stderr, /Password check failed/);
      const viaStdin = await cli(dir, ["login", "-C", "--password-stdin", `bob@${tcp}`], {
        stdin: "wrong\n",
      });
      assert.equal(viaStdin.code, 3);
      const prompt = await cli(dir, ["login", "-C", `bob@${tcp}`]);
      assert.equal(prompt.code, 8, prompt.stderr);
      assert.match(
        prompt.stderr,
        /^cannot prompt for password: no terminal; give it with -w, --password-stdin, --password-file or OMERO_PASSWORD\n$/u,
      );
      const env = await cli(dir, ["login", "-C", `bob@${tcp}`], {
        env: { OMERO_PASSWORD: "ome" },
      });
      assert.equal(env.code, 0, env.stderr);
    });
    await t.step("argument conflicts are usage errors", async () => {
      const twice = await cli(dir, ["login", "-s", tcp, tcp]);
      assert.equal(twice.code, 2);
      assert.match(twice.stderr, /Server specified twice/);
      const users = await cli(dir, ["login", "-u", "bob", `alice@${tcp}`]);
      assert.equal(users.code, 2);
    });
    await Deno.remove(dir, { recursive: true });
  });
});
