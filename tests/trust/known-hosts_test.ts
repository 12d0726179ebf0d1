import assert from "node:assert/strict";
import { join } from "node:path";
import { hostPortKey } from "../../src/ice/types.ts";
import {
  findKnownHost,
  forgetKnownHost,
  type KnownHost,
  readKnownHosts,
  recordKnownHost,
} from "../../src/trust/known-hosts.ts";
import { InvalidStoredValueError } from "../../src/store/stored-values.ts";
import { tempDir } from "../fixtures/fixture-store.ts";
import { pin, pinKnownHost } from "../fixtures/known-hosts.ts";

const FP_A = Array.from({ length: 32 }, () => "AB").join(":");
const FP_B = Array.from({ length: 32 }, () => "01").join(":");

Deno.test("known_hosts: pin, find, replace, forget; 0600 file in a 0700 directory", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
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
});

Deno.test("known_hosts: comments and malformed lines are skipped but kept on rewrite", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const path = join(dir, "known_hosts");
  await Deno.writeTextFile(path, `# a comment\ngarbage line\nb:1 ${FP_A}\n`);
  assert.deepEqual((await readKnownHosts(path)).map((entry) => entry.hostPort), ["b:1"]);
  await pinKnownHost(path, { hostPort: "c:2", fingerprint256: FP_B, certificateBase64: "" });
  assert.deepEqual(
    await Deno.readTextFile(path),
    `# a comment\ngarbage line\nb:1 ${FP_A}\nc:2 ${FP_B}\n`,
  );
});

Deno.test("known_hosts: 24 processes pinning different hosts at once lose none", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const path = join(dir, "omero", "known_hosts");
  const module = new URL("../../src/trust/known-hosts.ts", import.meta.url).href;
  const script = join(dir, "pin.ts");
  await Deno.writeTextFile(
    script,
    `import { recordKnownHost } from ${JSON.stringify(module)};
await recordKnownHost(Deno.args[0], {
hostPort: \`host\${Deno.args[1]}.example:4064\`,
kind: Number(Deno.args[1]) % 2 ? "ca" : "pin",
fingerprint256: ${JSON.stringify(FP_A)},
certificateBase64: "AAAA",
caBase64: "",
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
});

Deno.test("known_hosts: a lock left by a crashed process is taken over once stale", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const path = join(dir, "known_hosts");
  await Deno.writeTextFile(`${path}.lock`, "");
  const minuteAgo = new Date(Date.now() - 60_000);
  await Deno.utime(`${path}.lock`, minuteAgo, minuteAgo);
  await pinKnownHost(path, { hostPort: "d:3", fingerprint256: FP_A, certificateBase64: "" });
  assert.ok(await findKnownHost(path, "d:3"));
  await assert.rejects(Deno.stat(`${path}.lock`), Deno.errors.NotFound);
});

Deno.test("known_hosts: ca lines keep the marker, the fingerprint, the certificate and the CA", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const path = join(dir, "known_hosts");
  const verified: KnownHost = {
    hostPort: "v.example:4064",
    kind: "ca",
    fingerprint256: FP_A,
    certificateBase64: "AAAA",
    caBase64: "",
  };
  await recordKnownHost(path, verified);
  await recordKnownHost(path, { ...verified, hostPort: "w.example:443", caBase64: "QkJC" });
  await recordKnownHost(path, pin("p.example:4064", FP_B, "CCCC"));
  assert.equal(
    await Deno.readTextFile(path),
    `v.example:4064 ca ${FP_A} AAAA\nw.example:443 ca ${FP_A} AAAA QkJC\n` +
      `p.example:4064 ${FP_B} CCCC\n`,
  );
  assert.deepEqual(await readKnownHosts(path), [
    verified,
    { ...verified, hostPort: "w.example:443", caBase64: "QkJC" },
    pin("p.example:4064", FP_B, "CCCC"),
  ]);
  // A pin replaced by a CA-verified record (the server got a CA-signed certificate).
  await recordKnownHost(path, { ...verified, hostPort: "p.example:4064" });
  assert.equal((await findKnownHost(path, "p.example:4064"))?.kind, "ca");
  assert.equal((await readKnownHosts(path)).length, 3);
});

Deno.test("known_hosts: an entry with a line break or a space is refused, the file unchanged", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const path = join(dir, "known_hosts");
  await recordKnownHost(path, pin("a:1", FP_A));
  for (
    const entry of [
      pin("evil:1\nb:2", FP_A),
      pin("c d:3", FP_A),
      pin("f:5", FP_A, "AA AA"),
      { ...pin("g:6", FP_A), kind: "ca" as const, caBase64: "x\ny" },
    ]
  ) {
    await assert.rejects(recordKnownHost(path, entry), InvalidStoredValueError);
  }
  assert.equal(await Deno.readTextFile(path), `a:1 ${FP_A}\n`);
});
