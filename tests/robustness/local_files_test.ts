// Hostile local state and streams: a known_hosts that is a directory or full of garbage, an
// OMERO user directory that is a file, stdout or stderr on a full disk. Each gives one line on
// stderr and the right exit code, never "internal error" or a stack trace.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readKnownHosts } from "../../src/trust/known-hosts.ts";
import { KnownHostsFileError } from "../../src/trust/errors.ts";
import { runCli } from "../../src/cli/program.ts";
import { fakeIO } from "../cli/fake-io.ts";
import { MAIN } from "../login/cli.ts";

function assertOneCleanLine(stderr: string, pattern: RegExp) {
  assert.equal(stderr.trimEnd().split("\n").length, 1, stderr);
  assert.match(stderr, pattern);
  assert.doesNotMatch(stderr, /internal error| {4}at /);
}

Deno.test("known_hosts that is a directory: trust list/forget say so in one line, exit 1", async () => {
  const userDir = await Deno.makeTempDir({ prefix: "robust-kh-" });
  try {
    const knownHosts = join(userDir, "known_hosts");
    await Deno.mkdir(knownHosts);
    await assert.rejects(readKnownHosts(knownHosts), KnownHostsFileError);
    for (const args of [["trust", "list"], ["trust", "forget", "example.org"]]) {
      const io = fakeIO({ OMERO_USERDIR: userDir });
      assert.equal(await runCli(args, io), 1, io.err());
      assert.equal(io.out(), "");
      assertOneCleanLine(io.err(), new RegExp(`^cannot use ${knownHosts}: Is a directory`));
    }
  } finally {
    await Deno.remove(userDir, { recursive: true });
  }
});

Deno.test("known_hosts with garbage lines: they are skipped, and kept", async () => {
  const userDir = await Deno.makeTempDir({ prefix: "robust-kh-" });
  try {
    const garbage =
      "\x00\x01 binary\nhost-without-port AA\nexample.org:4064 not-a-fingerprint\n# c\n";
    await Deno.writeTextFile(join(userDir, "known_hosts"), garbage);
    const io = fakeIO({ OMERO_USERDIR: userDir });
    assert.equal(await runCli(["trust", "list", "--json"], io), 0, io.err());
    assert.deepEqual(JSON.parse(io.out()).certificates, []);
    const forget = fakeIO({ OMERO_USERDIR: userDir });
    assert.equal(await runCli(["trust", "forget", "example.org"], forget), 1);
    assertOneCleanLine(forget.err(), /^no certificate is pinned for example\.org:4064/);
    assert.equal(await Deno.readTextFile(join(userDir, "known_hosts")), garbage);
  } finally {
    await Deno.remove(userDir, { recursive: true });
  }
});

Deno.test("stdout on a full disk: one line on stderr, exit 1; stderr on a full disk keeps the code", async () => {
  const dir = await Deno.makeTempDir({ prefix: "robust-full-" });
  try {
    // Deno.Command cannot redirect into a file of our choosing, so a shell does it.
    const run = async (args: string[], stream: ">" | "2>") => {
      const result = await new Deno.Command("/bin/sh", {
        args: [
          "-c",
          `exec "$@" ${stream}/dev/full`,
          "sh",
          Deno.execPath(),
          "run",
          "-A",
          MAIN,
          ...args,
        ],
        env: { OMERO_SESSIONDIR: join(dir, "sessions"), NO_COLOR: "1" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      return { code: result.code, stderr: new TextDecoder().decode(result.stderr) };
    };
    const completions = await run(["completions", "bash"], ">");
    assert.equal(completions.code, 1, completions.stderr);
    assertOneCleanLine(completions.stderr, /^cannot write to stdout: No space left on device/);
    // `key` without a session fails with 4; its message cannot be written, the code still says it.
    assert.equal((await run(["key"], "2>")).code, 4);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
