// End-to-end: servers we cannot log in to give one line on stderr and exit 5, within the
// connect timeout: refused, DNS failure, an HTTP server, an anonymous-DH-only TLS server, and a
// server that accepts and never answers (tcp and ssl).
import assert from "node:assert/strict";
import { opensslServer } from "../ice/transport/servers.ts";
import { cli, loginTempDir } from "./cli.ts";

/** Generous bound: the CLI's start-up plus the connect timeout, never a hang. */
const SLACK_MS = 4000;

async function timed(dir: string, args: string[]) {
  const started = performance.now();
  const result = await cli(dir, args);
  return { ...result, ms: performance.now() - started };
}

function assertOneLine(result: { code: number; stdout: string; stderr: string }) {
  assert.equal(result.code, 5, result.stderr);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
}

Deno.test("login: refused, DNS failure, a non-Ice port give one line and exit 5", async () => {
  const dir = await loginTempDir();
  const http = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => new Response("hi"),
  );
  try {
    assertOneLine(await cli(dir, ["login", "-w", "x", "u@tcp://127.0.0.1:1"]));
    assertOneLine(await cli(dir, ["login", "-w", "x", "u@tcp://no-such-host.invalid"]));
    const wrong = await timed(dir, [
      "login",
      "--connect-timeout",
      "2",
      "-w",
      "x",
      `u@tcp://127.0.0.1:${http.addr.port}`,
    ]);
    assertOneLine(wrong);
    assert.ok(wrong.ms < 2000 + SLACK_MS, `${wrong.ms} ms`);
  } finally {
    await http.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("login: an anonymous-DH-only TLS server is named, with tcp:// and wss:// as the way out", async () => {
  const dir = await loginTempDir();
  await using server = await opensslServer([
    "-nocert",
    "-cipher",
    "ADH-AES256-GCM-SHA384:@SECLEVEL=0",
  ]);
  try {
    const result = await timed(dir, [
      "login",
      "--connect-timeout",
      "3",
      "-w",
      "x",
      `u@ssl://127.0.0.1:${server.port}`,
    ]);
    assertOneLine(result);
    assert.match(result.stderr, /anonymous Diffie-Hellman/);
    assert.ok(result.stderr.includes("tcp://127.0.0.1"), result.stderr);
    assert.ok(result.stderr.includes("wss://"), result.stderr);
    assert.ok(result.ms < 3000 + SLACK_MS, `${result.ms} ms`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("login: a server that accepts and never answers fails within --connect-timeout", async () => {
  const dir = await loginTempDir();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) held.push(conn);
  })();
  try {
    for (const transport of ["tcp", "ssl"]) {
      const result = await timed(dir, [
        "login",
        "--connect-timeout",
        "1",
        "-w",
        "x",
        `u@${transport}://127.0.0.1:${listener.addr.port}`,
      ]);
      assertOneLine(result);
      assert.ok(result.ms < 1000 + SLACK_MS, `${transport}: ${result.ms} ms`);
    }
  } finally {
    listener.close();
    await accepting.catch(() => {});
    for (const conn of held) conn.close();
    await Deno.remove(dir, { recursive: true });
  }
});
