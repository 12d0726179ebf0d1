/** Starting and stopping the test server, idle expiry with a time scale, the leaf certificate. */
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { startTestServer } from "../../testserver/start.ts";
import { ref, refclient } from "./refclient_helper.ts";

/** Processes whose parent is this test process and that the test server starts. */
async function serverChildren(): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`);
      const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s) ?? [];
      const ppid = Number(rest?.split(" ")[1]);
      if (ppid === Deno.pid && /glacier2router|python3/.test(comm ?? "")) found.push(comm!);
    } catch { /* the process went away while we looked */ }
  }
  return found;
}

async function listening(port: number): Promise<boolean> {
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port })).close();
    return true;
  } catch {
    return false;
  }
}

Deno.test("startTestServer is ready on free ports and stop leaves no process behind", async () => {
  const server = await startTestServer();
  assert.equal(server.host, "127.0.0.1");
  const ports = Object.values(server.ports);
  assert.equal(new Set(ports).size, 4);
  for (const port of ports) assert(await listening(port), `port ${port} is listening`);
  assert.deepEqual((await serverChildren()).sort(), ["glacier2router", "python3"]);

  await server.stop();
  assert.deepEqual(await serverChildren(), []);
  for (const port of ports) assert(!(await listening(port)), `port ${port} is closed`);
  await assert.rejects(Deno.stat(server.dir));
});

Deno.test("idle sessions expire on the scaled clock; keepAlive holds them", async () => {
  // 600 s × 0.01 = 6 s of idle time.
  await using server = await startTestServer({ timeScale: 0.01 });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const [kept, dropped] = await refclient(server, "tcp", ["login", "alice", "ome"], [
    "login",
    "bob",
    "ome",
  ]);
  for (let i = 0; i < 3; i++) {
    await pause(1500);
    assert.equal((await ref(server, "tcp", "keepalive", kept.session)).ok, true);
  }
  await pause(2000);
  const [stillAlive, expired] = await refclient(server, "tcp", ["join", kept.session], [
    "join",
    dropped.session,
  ]);
  assert.equal(stillAlive.ok, true, "keepAlive every 1.5 s holds a 6 s idle timeout");
  assert.equal(expired.error, "::Glacier2::PermissionDeniedException");
  assert.match(expired.reason, /^Password check failed for '.*': \[user=bob, /);
});

Deno.test("the leaf certificate kind carries SANs and serves ssl and wss", async () => {
  await using server = await startTestServer({ certKind: "leaf" });
  const cert = new X509Certificate(server.certPem);
  assert(!cert.ca);
  assert(cert.checkIP("127.0.0.1"));
  assert.equal(cert.fingerprint256, server.fingerprint256);
  for (const transport of ["ssl", "wss"] as const) {
    const login = await ref(server, transport, "login", "bob", "ome");
    assert.equal(login.ok, true, JSON.stringify(login));
  }
});
