// A current session file that cannot be read is reported and kept by `login` and by the implicit
// login of a server command (`who`): never deleted, never called "expired"; the login goes on
// as if there were no current session.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { startTestServer } from "../../testserver/start.ts";
import { cli, loginTempDir } from "../login/cli.ts";

/** Ways to make a session file unreadable. */
const DAMAGE: Record<string, (path: string) => void> = {
  "corrupt (NUL bytes)": (path) => Deno.writeTextFileSync(path, "omero.sess=\0\0\n"),
  "not UTF-8": (path) => Deno.writeFileSync(path, new Uint8Array([0x6f, 0xff, 0xfe, 0x3d])),
  "too large": (path) => Deno.writeTextFileSync(path, `omero.x=${"x".repeat(100_000)}\n`),
  "a directory": (path) => {
    Deno.removeSync(path);
    Deno.mkdirSync(path);
  },
  "a symlink": (path) => {
    const target = join(dirname(path), "..", "elsewhere");
    Deno.renameSync(path, target);
    Deno.symlinkSync(target, path);
  },
  "missing omero.sess": (path) => Deno.writeTextFileSync(path, "omero.host=127.0.0.1\n"),
};

function snapshot(path: string): string {
  const info = Deno.lstatSync(path);
  if (info.isSymlink) return `link:${Deno.readLinkSync(path)}`;
  if (info.isDirectory) return "directory";
  return `file:${[...Deno.readFileSync(path)].join(",")}`;
}

Deno.test("an unreadable current session file is reported and kept by login and by who", async (t) => {
  await using server = await startTestServer();
  const target = `root@tcp://127.0.0.1:${server.ports.tcp}`;
  for (const [name, damage] of Object.entries(DAMAGE)) {
    await t.step(name, async () => {
      const dir = await loginTempDir();
      try {
        const first = await cli(dir, ["login", "-q", "-w", "omero", target]);
        assert.equal(first.code, 0, first.stderr);
        const path = (await cli(dir, ["file"])).stdout.trim();
        damage(path);
        const kept = snapshot(path);

        const login = await cli(dir, ["login", "-w", "omero", target]);
        assert.equal(login.code, 0, login.stderr);
        assert.match(login.stderr, new RegExp(`cannot use ${path}: .*\\(the file is kept\\)`));
        assert.doesNotMatch(login.stderr, /expired/);
        assert.match(login.stderr, /^Created session for root@/m);
        assert.equal(snapshot(path), kept, "login must keep the file");

        // The implicit login of a server command, on the new current session damaged the same way.
        const second = (await cli(dir, ["file"])).stdout.trim();
        assert.notEqual(second, path);
        damage(second);
        const keptSecond = snapshot(second);
        const who = await cli(dir, ["-s", target, "-w", "omero", "who"]);
        assert.equal(who.code, 0, who.stderr);
        assert.match(who.stderr, new RegExp(`cannot use ${second}: `));
        assert.doesNotMatch(who.stderr, /expired/);
        assert.equal(snapshot(second), keptSecond, "who must keep the file");
        assert.equal(snapshot(path), kept);

        // Every other command that reads the current session (who's new one, damaged the same
        // way): reported (exit 1 where the session was needed), never deleted.
        const third = (await cli(dir, ["file"])).stdout.trim();
        damage(third);
        const keptThird = snapshot(third);
        const escaped = third.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");
        for (const command of [["logout"], ["clear"], ["status"], ["exec", "--", "true"]]) {
          const result = await cli(dir, command);
          assert.equal(result.code, command[0] === "clear" ? 0 : 1, `${command}: ${result.stderr}`);
          assert.match(result.stderr, new RegExp(escaped));
          assert.equal(snapshot(third), keptThird, `${command} must keep the file`);
        }
        const version = await cli(dir, ["version"]);
        assert.equal(version.code, 0, version.stderr);
        assert.match(version.stderr, /^note: no server version: cannot use /);
        assert.equal(snapshot(third), keptThird, "version must keep the file");
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});
