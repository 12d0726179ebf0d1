// End-to-end: the real CLI against the local OMERO test server (real glacier2router).
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "../../testserver/start.ts";
import { cli, readStoreFile } from "./cli.ts";

const BANNER =
  /^(Created|Using|Joined|Reconnected to) session for (\S+)@(\S+)\. Idle timeout: (\d+ (?:min|s)\.) Current group: (\S+)\n$/;

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

Deno.test("login: create, Using, Joined, logout, bad key over every transport", async (t) => {
  await withServer(async (server) => {
    for (const transport of ["tcp", "ssl", "ws", "wss"] as const) {
      await t.step(transport, async () => {
        const dir = await tempDir();
        const insecure = transport === "ssl" || transport === "wss" ? ["--insecure"] : [];
        const target = `root@${url(server, transport)}`;
        const created = await cli(dir, ["login", ...insecure, "-w", "omero", target]);
        assert.equal(created.code, 0, created.stderr);
        assert.equal(created.stdout, "");
        const match = BANNER.exec(created.stderr);
        assert.ok(match, created.stderr);
        assert.equal(match[1], "Created");
        assert.equal(match[5], "system");
        const host = encodeURIComponent(`${transport}://127.0.0.1`);
        const uuid = readStoreFile(dir, host, "root", "._LASTSESS_");
        assert.equal(
          readStoreFile(dir, host, "root", uuid),
          `omero.host=${transport}://127.0.0.1\nomero.user=root\n` +
            `omero.port=${server.ports[transport]}\nomero.sess=${uuid}\n`,
        );

        const using = await cli(dir, ["login", ...insecure, target]);
        assert.equal(using.code, 0, using.stderr);
        assert.match(using.stderr, /^Using session for root@/);

        const joined = await cli(dir, ["login", ...insecure, "-k", uuid, url(server, transport)]);
        assert.equal(joined.code, 0, joined.stderr);
        assert.match(joined.stderr, /^Joined session for root@/);

        // logout has no --insecure: it trusts the server on first use (a notice on stderr).
        const logout = await cli(dir, ["logout"]);
        assert.equal(logout.code, 0, logout.stderr);
        assert.equal(logout.stdout, "");
        if (!insecure.length) assert.equal(logout.stderr, "");
        const rejoin = await cli(dir, ["login", ...insecure, "-k", uuid, url(server, transport)]);
        assert.equal(rejoin.code, 3, rejoin.stderr);
        assert.match(rejoin.stderr, /^Bad session key\. Cannot join /);
        await Deno.remove(dir, { recursive: true });
      });
    }
  });
});

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

Deno.test("login: reuse, groups, sudo, -t, -q, wrong passwords (tcp)", async (t) => {
  await withServer(async (server) => {
    const dir = await tempDir();
    const tcp = url(server, "tcp");
    const host = encodeURIComponent("tcp://127.0.0.1");
    await t.step("Reconnected to a stored session after another user logged in", async () => {
      const alice = await cli(dir, ["login", "-w", "ome", `alice@${tcp}`]);
      assert.match(alice.stderr, /^Created session for alice@.* Current group: lab\n$/);
      const bob = await cli(dir, ["login", "-w", "ome", `bob@${tcp}`]);
      assert.match(bob.stderr, /^Created session for bob@/);
      const again = await cli(dir, ["login", `alice@${tcp}`]);
      assert.match(again.stderr, /^Reconnected to session for alice@/);
    });
    await t.step("-g selects the group; a non-member group is refused with 7", async () => {
      const imaging = await cli(dir, ["login", "-w", "ome", "-g", "imaging", `alice@${tcp}`]);
      assert.equal(imaging.code, 0, imaging.stderr);
      assert.match(imaging.stderr, /Current group: imaging\n$/);
      const uuid = readStoreFile(dir, host, "alice", "._LASTSESS_");
      assert.match(readStoreFile(dir, host, "alice", uuid), /^omero\.group=imaging\n/);
      const refused = await cli(dir, ["login", "-C", "-w", "ome", "-g", "public", `alice@${tcp}`]);
      assert.equal(refused.code, 7, refused.stderr);
      assert.match(refused.stderr, /^SecurityViolation: /);
    });
    await t.step("--sudo as admin, as group owner, refused for a member", async () => {
      const admin = await cli(dir, [
        "login",
        "-C",
        "-w",
        "omero",
        "--sudo",
        "root",
        `alice@${tcp}`,
      ]);
      assert.equal(admin.code, 0, admin.stderr);
      assert.match(admin.stderr, /^Created session for alice@/);
      const uuid = readStoreFile(dir, host, "alice", "._LASTSESS_");
      assert.match(readStoreFile(dir, host, "alice", uuid), /\nomero\.sudo=root\n$/);
      const owner = await cli(dir, ["login", "-C", "-w", "ome", "--sudo", "owner", `alice@${tcp}`]);
      assert.equal(owner.code, 0, owner.stderr);
      const otherGroup = await cli(dir, [
        "login",
        "-C",
        "-w",
        "ome",
        "--sudo",
        "owner",
        `bob@${tcp}`,
      ]);
      assert.equal(otherGroup.code, 7, otherGroup.stderr);
      const member = await cli(dir, ["login", "-C", "-w", "ome", "--sudo", "alice", `bob@${tcp}`]);
      assert.equal(member.code, 7, member.stderr);
    });
    await t.step("-t sets the idle timeout and is stored; -q prints nothing", async () => {
      const result = await cli(dir, ["login", "-C", "-q", "-t", "300", "-w", "ome", `bob@${tcp}`]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout + result.stderr, "");
      const uuid = readStoreFile(dir, host, "bob", "._LASTSESS_");
      assert.match(readStoreFile(dir, host, "bob", uuid), /\nomero\.timeout=300\n/);
      const using = await cli(dir, ["login", `bob@${tcp}`]);
      assert.match(using.stderr, /^Using session .* Idle timeout: 5 min\. /);
    });
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

Deno.test("login: refused, DNS failure, a non-Ice port give one line and exit 5", async () => {
  const dir = await tempDir();
  const http = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => new Response("hi"),
  );
  try {
    const refused = await cli(dir, ["login", "-w", "x", "u@tcp://127.0.0.1:1"]);
    assert.equal(refused.code, 5, refused.stderr);
    assert.equal(refused.stderr.trim().split("\n").length, 1);
    const dns = await cli(dir, ["login", "-w", "x", "u@tcp://no-such-host.invalid"]);
    assert.equal(dns.code, 5, dns.stderr);
    const port = http.addr.port;
    const wrong = await cli(dir, [
      "login",
      "--connect-timeout",
      "2",
      "-w",
      "x",
      `u@tcp://127.0.0.1:${port}`,
    ]);
    assert.equal(wrong.code, 5, wrong.stderr);
    assert.equal(wrong.stderr.trim().split("\n").length, 1);
  } finally {
    await http.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
