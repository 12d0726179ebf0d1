import assert from "node:assert/strict";
import { join } from "node:path";
import {
  findKnownHost,
  forgetKnownHost,
  hostPortKey,
  pinKnownHost,
  readKnownHosts,
} from "../../../src/ice/known-hosts.ts";

const FP_A = Array.from({ length: 32 }, () => "AB").join(":");
const FP_B = Array.from({ length: 32 }, () => "01").join(":");

Deno.test("known_hosts: pin, find, replace, forget; 0600 file in a 0700 directory", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "omero", "known_hosts");
    assert.deepEqual(await readKnownHosts(path), []);
    await pinKnownHost(path, {
      hostPort: "a.example:4064",
      fingerprint256: FP_A,
      certificateBase64: "AAAA",
    });
    await pinKnownHost(path, {
      hostPort: hostPortKey("::1", 4064),
      fingerprint256: FP_B,
      certificateBase64: "",
    });
    assert.deepEqual((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.deepEqual((await Deno.stat(join(dir, "omero"))).mode! & 0o777, 0o700);
    assert.deepEqual(
      await Deno.readTextFile(path),
      `a.example:4064 ${FP_A} AAAA\n[::1]:4064 ${FP_B}\n`,
    );

    await pinKnownHost(path, {
      hostPort: "a.example:4064",
      fingerprint256: FP_B,
      certificateBase64: "",
    });
    assert.deepEqual((await findKnownHost(path, "a.example:4064"))?.fingerprint256, FP_B);
    assert.deepEqual((await readKnownHosts(path)).length, 2);

    assert.deepEqual(await forgetKnownHost(path, "[::1]:4064"), true);
    assert.deepEqual(await forgetKnownHost(path, "[::1]:4064"), false);
    assert.deepEqual((await readKnownHosts(path)).map((entry) => entry.hostPort), [
      "a.example:4064",
    ]);
    assert.deepEqual((await Array.fromAsync(Deno.readDir(join(dir, "omero")))).length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("known_hosts: comments and malformed lines are skipped but kept on rewrite", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "known_hosts");
    await Deno.writeTextFile(path, `# a comment\ngarbage line\nb:1 ${FP_A}\n`);
    assert.deepEqual((await readKnownHosts(path)).map((entry) => entry.hostPort), ["b:1"]);
    await pinKnownHost(path, { hostPort: "c:2", fingerprint256: FP_B, certificateBase64: "" });
    assert.deepEqual(
      await Deno.readTextFile(path),
      `# a comment\ngarbage line\nb:1 ${FP_A}\nc:2 ${FP_B}\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("known_hosts: 24 processes pinning different hosts at once lose none", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "omero", "known_hosts");
    const module = new URL("../../../src/ice/known-hosts.ts", import.meta.url).href;
    const script = join(dir, "pin.ts");
    await Deno.writeTextFile(
      script,
      `import { pinKnownHost } from ${JSON.stringify(module)};
await pinKnownHost(Deno.args[0], {
  hostPort: \`host\${Deno.args[1]}.example:4064\`,
  fingerprint256: ${JSON.stringify(FP_A)},
  certificateBase64: "",
});`,
    );
    const pinners = Array.from({ length: 24 }, (_, index) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", script, path, String(index)],
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).output());
    for (const result of await Promise.all(pinners)) {
      assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
    }
    const hosts = (await readKnownHosts(path)).map((entry) => entry.hostPort).sort();
    const expected = Array.from({ length: 24 }, (_, index) => `host${index}.example:4064`).sort();
    assert.deepEqual(hosts, expected);
    const leftovers = [...Deno.readDirSync(join(dir, "omero"))].filter((e) =>
      e.name !== "known_hosts"
    );
    assert.deepEqual(leftovers, [], "no temporary files left");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("known_hosts: a lock left by a crashed process is taken over once stale", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "known_hosts");
    await Deno.writeTextFile(`${path}.lock`, "");
    const minuteAgo = new Date(Date.now() - 60_000);
    await Deno.utime(`${path}.lock`, minuteAgo, minuteAgo);
    await pinKnownHost(path, { hostPort: "d:3", fingerprint256: FP_A, certificateBase64: "" });
    assert.ok(await findKnownHost(path, "d:3"));
    await assert.rejects(Deno.stat(`${path}.lock`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
