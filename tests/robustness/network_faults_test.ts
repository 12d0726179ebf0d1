// Peers that misbehave at each stage: a relay in front of the real glacier2router closes the
// connection, sends garbage or announces a 1 GiB message in place of the 1st…9th reply of a
// login, or of a command's implicit login and its own calls. Every case is one line on stderr,
// exit 5, nothing written to the store by a failed login, and the stored session kept by a
// failed command. Also: the wrong protocol on a port, and a known_hosts that cannot be read.
import assert from "node:assert/strict";
import { join } from "node:path";
import { startTestServer } from "../../testserver/start.ts";
import { cli, type CliResult } from "../login/cli.ts";
import { type Fault, FaultyRelay, NO_FAULT } from "./faulty-relay.ts";

const FAULTS: readonly Fault[] = ["close", "garbage", "oversized"];

/** Exit 5, nothing on stdout, one line on stderr (after the command's `notice` line, if any). */
function assertUnreachable(result: CliResult, what: string, notice = "") {
  assert.equal(result.code, 5, `${what}: ${result.stderr}`);
  assert.equal(result.stdout, "", what);
  assert.ok(result.stderr.startsWith(notice), `${what}: ${result.stderr}`);
  const error = result.stderr.slice(notice.length);
  assert.equal(error.trimEnd().split("\n").length, 1, `${what}: ${result.stderr}`);
  assert.doesNotMatch(error, /internal error| {4}at /, what);
}

function listing(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].map((entry) => entry.name);
  } catch {
    return [];
  }
}

Deno.test("network faults at every stage", async (t) => {
  await using server = await startTestServer();
  await using relay = new FaultyRelay(server.ports.tcp);
  const dir = await Deno.makeTempDir({ prefix: "robust-net-" });
  const url = `tcp://127.0.0.1:${relay.port}`;

  try {
    await t.step("login: a fault in place of reply 1…9 leaves nothing behind", async () => {
      // A fresh login is 9 calls (tests/login/round_trips_test.ts).
      for (const fault of FAULTS) {
        for (const replies of [0, 1, 2, 4, 6, 8]) {
          relay.plan = { fault, repliesBeforeFault: replies };
          const userDir = join(dir, `login-${fault}-${replies}`);
          const result = await cli(userDir, ["login", "-w", "ome", `alice@${url}`]);
          assertUnreachable(result, `${fault} after ${replies}`);
          assert.deepEqual(listing(join(userDir, "sessions")), [], "nothing stored");
        }
      }
    });

    await t.step("server commands: a fault in their calls keeps the stored session", async () => {
      const userDir = join(dir, "commands");
      relay.plan = NO_FAULT;
      assert.equal((await cli(userDir, ["login", "-q", "-w", "ome", `alice@${url}`])).code, 0);
      const key = (await cli(userDir, ["key"])).stdout;
      // A join is 9 calls (3 round trips); the 10th reply is the command's first own one, the
      // 12th a keep-alive after the first. A fault before detachOnDestroy may end the session
      // on the server, as OMERO would: the login step above covers those stages.
      const commands: [string[], number][] = [
        [["who"], 9],
        [["groups"], 9],
        [["group", "imaging"], 9],
        [["timeout"], 9],
        [["timeout", "700"], 9],
        [["keepalive", "-f", "1", "--for", "5s"], 9],
        [["keepalive", "-f", "1", "--for", "5s"], 11],
      ];
      for (const [command, replies] of commands) {
        for (const fault of FAULTS) {
          relay.plan = { fault, repliesBeforeFault: replies };
          const result = await cli(userDir, ["-q", ...command]);
          const started = command[0] === "keepalive" ? "Running keep alive every 1 second\n" : "";
          assertUnreachable(result, `${command.join(" ")}: ${fault} after ${replies}`, started);
        }
      }
      relay.plan = NO_FAULT;
      assert.equal((await cli(userDir, ["key"])).stdout, key, "the session is still current");
      const status = await cli(userDir, ["status"]);
      assert.equal(status.code, 0, status.stderr);
    });

    await t.step("the wrong protocol on a port: one line, exit 5", async () => {
      const userDir = join(dir, "protocols");
      const cases = [
        `ssl://127.0.0.1:${server.ports.tcp}`,
        `wss://127.0.0.1:${server.ports.tcp}`,
        `ws://127.0.0.1:${server.ports.tcp}`,
        `ws://127.0.0.1:${server.ports.ssl}`,
        `tcp://127.0.0.1:${server.ports.ssl}`,
      ];
      for (const target of cases) {
        const args = ["login", "--connect-timeout", "2", "-w", "ome", `alice@${target}`];
        assertUnreachable(await cli(userDir, args), target);
      }
      assert.deepEqual(listing(join(userDir, "sessions")), []);
    });

    await t.step("ssl with a known_hosts that is a directory: one line, exit 1", async () => {
      const userDir = join(dir, "known-hosts-dir");
      await Deno.mkdir(join(userDir, "known_hosts"), { recursive: true });
      const ssl = `ssl://127.0.0.1:${server.ports.ssl}`;
      const result = await cli(userDir, ["login", "-w", "ome", `alice@${ssl}`]);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(
        result.stderr,
        `cannot use ${join(userDir, "known_hosts")}: Is a directory (os error 21)\n`,
      );
      assert.deepEqual(listing(join(userDir, "sessions")), []);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
