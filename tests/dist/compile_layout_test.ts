// `deno task compile`: what the binaries embed, their size and permissions, checked through the
// stand-in runtime (the Deno CLI) that deno compile accepts as DENORT_BIN; and that a stand-in or
// an unreachable download host never passes for a built binary.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundle, ROOT } from "../../scripts/bundle.ts";
import {
  checkLayout,
  isDenoCli,
  layoutProblems,
  PAYLOAD_BUDGET_BYTES,
  probeDownloadHost,
  TARGETS,
} from "../../scripts/compile.ts";
import { type Metadata, parseListing } from "../../scripts/compile-layout.ts";
import { freePorts } from "../../testserver/ports.ts";

/** What deno compile printed for `-A main.ts` with --exclude node_modules/deno. */
const LISTING_WITH_NODE_MODULES = `Compile main.ts to file:///tmp/x

Embedded Files

x
├── main.ts (1.58KB)
├─┬ node_modules (94.2MB - 94.19MB unique)
│ ├── .bin/* (0B)
│ ├── @types/* (2.51MB - 2.51MB unique)
│ ├── deno/deno (91.17MB)
│ └── ws/* (151.17KB - 151.06KB unique)
├── package.json (547B)
└─┬ src (682.59KB)
  ├─┬ commands (133.54KB)
  │ └── clear/* (4.9KB)
  └── table.ts (2.52KB)

Files: 94.89MB
Metadata: 1.82KB
`;

Deno.test("parseListing: paths of nested entries, sizes, the total", () => {
  const layout = parseListing(LISTING_WITH_NODE_MODULES);
  assert.deepEqual(layout.files.map((file) => file.path), [
    "main.ts",
    "node_modules/.bin/*",
    "node_modules/@types/*",
    "node_modules/deno/deno",
    "node_modules/ws/*",
    "package.json",
    "src/commands/clear/*",
    "src/table.ts",
  ]);
  assert.equal(layout.files[3].bytes, Math.round(91.17 * 1024 * 1024));
  assert.equal(layout.totalBytes, Math.round(94.89 * 1024 * 1024));
  assert.throws(() => parseListing("Compile main.ts\n"), /no Embedded Files listing/u);
});

Deno.test("layoutProblems: other files, over budget, -A and a wrong entry point are refused", () => {
  const allowAll: Metadata = {
    entrypoint_key: "main.ts",
    permissions: {
      allow_read: [],
      allow_write: [],
      allow_net: [],
      allow_env: [],
      allow_run: [],
      allow_sys: [],
      allow_ffi: [],
      deny_import: null,
      prompt: false,
    },
  };
  const problems = layoutProblems(parseListing(LISTING_WITH_NODE_MODULES), allowAll);
  assert.deepEqual(problems.map((problem) => problem.split(/[:,]/u)[0]), [
    "embedded files should be only omero-sessions.js",
    "payload 94.89 MB is over the 1.00 MB budget",
    "entry point should be omero-sessions.js",
    "permission allow_sys should not be granted",
    "permission allow_ffi should not be granted",
    "permission deny_import",
  ]);
});

Deno.test("compile layout: only the bundle inside, within budget, the packaged permissions", async () => {
  const dir = await Deno.makeTempDir({ prefix: "compile-layout-" });
  const file = join(dir, "omero-sessions.js");
  await bundle(file);
  const { layout, metadata } = await checkLayout(file).finally(() =>
    Deno.remove(dir, { recursive: true })
  );
  assert.deepEqual(layout.files.map((file) => file.path), ["omero-sessions.js"]);
  assert.ok(layout.totalBytes <= PAYLOAD_BUDGET_BYTES, `${layout.totalBytes} bytes`);
  assert.equal(metadata.entrypoint_key, "omero-sessions.js");
  const { permissions } = metadata;
  for (const kind of ["read", "write", "net", "env", "run"]) {
    assert.deepEqual(permissions[`allow_${kind}`], [], kind);
  }
  for (const kind of ["sys", "ffi"]) assert.equal(permissions[`allow_${kind}`], null, kind);
  assert.deepEqual(permissions.deny_import, []);
  assert.equal(permissions.prompt, false);
});

Deno.test("compile: DENORT_BIN set to the Deno CLI checks the layout and writes no binary", async () => {
  assert.match((await isDenoCli(Deno.execPath()))!, /^deno \d/u);
  assert.equal(await isDenoCli("/bin/true"), undefined);

  const binary = join(ROOT, "dist", TARGETS["x86_64-unknown-linux-gnu"]);
  const existed = existsSync(binary);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "scripts/compile.ts"), "x86_64-unknown-linux-gnu"],
    env: { DENORT_BIN: Deno.execPath(), NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 1, stderr);
  assert.match(stderr, /^compile: layout ok: omero-sessions\.js /mu);
  assert.match(stderr, /is the Deno CLI \(deno \d.*no binary written\.\n$/u);
  if (!existed) assert.ok(!existsSync(binary), "a stand-in binary was written");
});

Deno.test("compile: an unreachable download host fails at once with one line", async () => {
  // A closed loopback port stands in for dl.deno.land, which tests must not contact.
  const [port] = await freePorts(1);
  const error = await probeDownloadHost(`http://127.0.0.1:${port}/`).catch((e) => e);
  assert.ok(error instanceof Error);
  assert.match(error.message, new RegExp(`^cannot reach http://127\\.0\\.0\\.1:${port}/ \\(`, "u"));
  assert.match(error.message, /refused/iu);
  assert.doesNotMatch(error.message, /\n/u);
});

Deno.test("compile: a runtime that does not run the program leaves no binary (here /bin/true)", async () => {
  const binary = join(ROOT, "dist", TARGETS[Deno.build.target]);
  const existed = existsSync(binary);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "scripts/compile.ts"), Deno.build.target],
    env: { DENORT_BIN: "/bin/true", NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 1, stderr);
  assert.match(
    stderr,
    /it does not run as omero-sessions \S+ \(--version: "true .*"\); removed it\n$/u,
  );
  if (!existed) assert.ok(!existsSync(binary), "the binary was left");
});
