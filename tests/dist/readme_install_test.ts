// The README's first screen against what the project builds: install in the order binary, npm,
// source, naming files the release attaches; every `deno task` line runnable as printed after
// `npm ci`; the `npm run try` transcript shows the commands scripts/try.ts runs, in its order.
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../../scripts/bundle.ts";
import { TARGETS } from "../../scripts/compile.ts";
import { tryCommands } from "../../scripts/try.ts";

const README = await Deno.readTextFile(join(ROOT, "README.md"));
const RELEASE = await Deno.readTextFile(join(ROOT, ".github", "workflows", "release.yml"));

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `no section ${title}`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

Deno.test("README install: a release binary, then npm, then from source", () => {
  const install = section("Install");
  const order = ["**A release binary**", "**npm**", "**From source**"].map((w) =>
    install.indexOf(w)
  );
  assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), String(order));
  assert.match(install, /^mkdir -p ~\/\.local\/bin$/mu);
  assert.match(
    install,
    /^curl -fLo ~\/\.local\/bin\/omero-sessions "\$url\/omero-sessions-linux-x64"/mu,
  );
  assert.match(install, /sha256sum -c$/mu);
});

Deno.test("README install: every file it downloads is one the release attaches", () => {
  const install = section("Install");
  const binaries = new Set(Object.values(TARGETS));
  const named = [
    ...install.matchAll(/omero-sessions-(?:linux|macos|windows)-[a-z0-9]+(?:\.exe)?/gu),
  ];
  assert.ok(named.length >= 5);
  for (const [name] of named) assert.ok(binaries.has(name), `${name} is no compile target`);
  for (const [, file] of install.matchAll(/"\$url\/([^"]+)"/gu)) {
    assert.ok(binaries.has(file) || RELEASE.includes(` ${file}`), `${file} is not attached`);
  }
  assert.ok(RELEASE.includes(" SHA256SUMS"));
});

Deno.test("README: deno task lines run as printed, with tasks deno.json has", async () => {
  const tasks = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))).tasks;
  const lines = [...README.matchAll(/(\S*)deno task ([a-z]+)/gu)];
  assert.ok(lines.length > 0);
  for (const [line, prefix, task] of lines) {
    assert.match(prefix, /node_modules\/\.bin\/$/u, `not runnable as printed: ${line}`);
    assert.ok(task in tasks, `no task ${task}`);
  }
});

Deno.test("README: the npm run try transcript follows scripts/try.ts", () => {
  const transcript = section("Two commands on a fresh machine");
  const tcp = /tcp:\/\/127\.0\.0\.1:\d+/u.exec(transcript)?.[0];
  const wss = /wss:\/\/localhost:\d+/u.exec(transcript)?.[0];
  assert.ok(tcp && wss);
  const shown = [...transcript.matchAll(/^\$ omero-sessions (.*)$/gmu)].map(([, args]) => args);
  assert.deepEqual(shown, tryCommands(tcp, wss).map((args) => args.join(" ")));
  assert.equal(transcript.match(/^\(exit 0\)$/gmu)?.length, shown.length);
});
