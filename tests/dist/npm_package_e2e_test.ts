// The npm package as a user gets it: `npm pack` builds what it ships (its prepack script), and the
// tarball, installed globally into a prefix of its own or into a project (the layout npx uses),
// runs the bundle with the deno package's binary, Deno directly under the caller (no Node.js in
// between), and passes the smoke test against the local test server.
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../../scripts/bundle.ts";
import { startTestServer, type TestServer } from "../../testserver/start.ts";
import { ok, type Packaged, runPackaged, smoke } from "./packaged.ts";

let lastWarnings: string[] = [];
const tcp = (server: TestServer) => `tcp://127.0.0.1:${server.ports.tcp}`;

/** Runs npm; its stdout, and its warnings (which a user would see as stumbles). */
async function npm(args: string[], cwd: string): Promise<string> {
  const output = await new Deno.Command("npm", {
    args: [...args, "--no-audit", "--no-fund", "--prefer-offline"],
    cwd,
    stdin: "null",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, `npm ${args.join(" ")}: ${stderr}`);
  lastWarnings = stderr.split("\n").filter((line) => /^npm warn/u.test(line));
  return new TextDecoder().decode(output.stdout);
}

Deno.test("npm package: pack, install -g and into a project, run through the launcher", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "npm-package-e2e-" });
  try {
    const [packed] = JSON.parse(await npm(["pack", "--json", "--pack-destination", dir], ROOT));
    const tarball = join(dir, packed.filename);

    await t.step("the tarball holds the launcher and the bundle, nothing else", () => {
      const files = packed.files.map((file: { path: string }) => file.path).sort();
      assert.deepEqual(files, [
        "README.md",
        "dist/omero-sessions.js",
        "npm/omero-sessions",
        "package.json",
      ]);
    });

    const prefix = join(dir, "prefix");
    // The README's line: `npm install -g --prefix ~/.local --allow-scripts=deno …`.
    await npm(["install", "--global", "--prefix", prefix, "--allow-scripts=deno", tarball], dir);
    const installWarnings = lastWarnings;
    const global: Packaged = { command: [join(prefix, "bin", "omero-sessions")] };

    await t.step(
      "installed globally: a shell launcher, the version, the name it is linked as",
      async () => {
        assert.deepEqual(installWarnings, []);
        const launcher = await Deno.readTextFile(global.command[0]);
        assert.match(launcher, /^#!\/bin\/sh\n/u);
        const version = ok(await runPackaged(global, dir, ["--version"]));
        assert.match(version.stdout, /^(omero-sessions )?\d+\.\d+\.\d+/u);
        const omero = join(dir, "omero");
        await Deno.symlink(global.command[0], omero);
        const help = ok(await runPackaged({ command: [omero] }, dir, ["--help"]));
        assert.match(help.stdout, /^usage: omero /imu);
      },
    );

    await using server = await startTestServer();

    await t.step(
      "installed globally: the smoke test; exec's command is Deno's child, Deno ours",
      async () => {
        const home = join(dir, "global");
        await smoke(global, server, home);
        ok(await runPackaged(global, home, ["login", "-q", "-w", "ome", `alice@${tcp(server)}`]));
        // Run by exec, the shell reports its parent (the tool) and that one's parent.
        const script =
          'echo "$(readlink /proc/$PPID/exe) $(sed -n "s/^PPid:\\t//p" /proc/$PPID/status)"';
        const exec = ok(await runPackaged(global, home, ["exec", "--", "sh", "-c", script]));
        const [executable, denoParent] = exec.stdout.trim().split(" ");
        assert.match(executable, /\/deno$/u);
        assert.equal(Number(denoParent), Deno.pid, "a process between the caller and Deno");
      },
    );

    await t.step(
      "installed into a project without install scripts: the platform package's deno",
      async () => {
        const project = join(dir, "project");
        await Deno.mkdir(project);
        await npm(["install", "--prefix", project, "--ignore-scripts", tarball], dir);
        const local: Packaged = {
          command: [join(project, "node_modules", ".bin", "omero-sessions")],
        };
        ok(await runPackaged(local, dir, ["--version"]));
        const login = ok(
          await runPackaged(local, join(dir, "local"), [
            "login",
            "-w",
            "ome",
            `alice@${tcp(server)}`,
          ]),
        );
        assert.match(login.stderr, /^Created session for alice@tcp:/u);
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
