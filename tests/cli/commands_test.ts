// Commands through the parser with a fake IO: output, exit codes, usage errors.
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../../src/cli/program.ts";
import { renderSqlTable } from "../../src/table.ts";
import { copyFixtureStore, FIXTURE, tempDir } from "../fixtures/fixture-store.ts";
import { fakeIO } from "./fake-io.ts";

async function cli(argv: string[], env: Record<string, string>, programName = "omero-sessions") {
  const io = fakeIO(env, { programName });
  const code = await runCli(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

Deno.test("key and file print the current session, as `X` and as `sessions X`", async () => {
  using tmp = tempDir();
  const env = { OMERO_SESSIONDIR: copyFixtureStore(tmp.path) };
  const { uuid } = FIXTURE.current;
  for (const prefix of [[], ["sessions"]]) {
    assert.deepEqual(await cli([...prefix, "key"], env), {
      code: 0,
      stdout: `${uuid}\n`,
      stderr: "",
    });
    assert.deepEqual(await cli([...prefix, "file"], env), {
      code: 0,
      stdout: `${join(env.OMERO_SESSIONDIR, "localhost", "root", uuid)}\n`,
      stderr: "",
    });
  }
});

Deno.test("file prints the escaped path for a URL host", async () => {
  using tmp = tempDir();
  const dir = copyFixtureStore(tmp.path);
  Deno.writeTextFileSync(join(dir, "._LASTHOST_"), FIXTURE.wss.host);
  Deno.writeTextFileSync(
    join(dir, "wss%3A%2F%2Fh%2Fomero-ws/public/._LASTSESS_"),
    FIXTURE.wss.uuid,
  );
  const result = await cli(["file"], { OMERO_SESSIONDIR: dir });
  assert.equal(
    result.stdout,
    `${join(dir, "wss%3A%2F%2Fh%2Fomero-ws", "public", FIXTURE.wss.uuid)}\n`,
  );
});

Deno.test("no current session: exit 4, a message on stderr, nothing on stdout", async () => {
  using tmp = tempDir();
  const empty = { OMERO_SESSIONDIR: join(tmp.path, "none") };
  for (const command of ["key", "file"]) {
    const result = await cli([command], empty);
    assert.equal(result.code, 4);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "no current session: log in first with `omero-sessions login`\n");
  }
  // The command is named as the user invoked the program.
  for (const command of ["key", "file", "exec"]) {
    const args = command === "exec" ? ["exec", "--", "true"] : [command];
    const result = await cli(args, empty, "omero");
    assert.equal(result.code, 4);
    assert.equal(result.stderr, "no current session: log in first with `omero login`\n");
  }
  // Markers that name a session whose file is gone (omero-py's `clear` leaves such markers).
  const dir = copyFixtureStore(tmp.path);
  Deno.removeSync(join(dir, "localhost", "root", FIXTURE.current.uuid));
  const stale = await cli(["key"], { OMERO_SESSIONDIR: dir });
  assert.equal(stale.code, 4);
  assert.match(stale.stderr, /no longer stored/u);
});

Deno.test("list --offline: SQL table in stable order, current marked; --json", async () => {
  using tmp = tempDir();
  const env = { OMERO_SESSIONDIR: copyFixtureStore(tmp.path) };
  const table = await cli(["sessions", "list", "--offline"], env);
  assert.equal(table.code, 0, table.stderr);
  const rows = [
    ["[::1]:14064", "bob", "lab", FIXTURE.ipv6.uuid, "Not checked", "Unknown"],
    ["example.org", "bob", "Unknown", FIXTURE.unknownKey.uuid, "Not checked", "Unknown"],
    ["localhost:4064", "root", "Unknown", FIXTURE.current.uuid, "Logged in", "Unknown"],
    ["wss://h/omero-ws", "public", "Unknown", FIXTURE.wss.uuid, "Not checked", "Unknown"],
    ["ünï:4064", "üser", "Unknown", FIXTURE.unicode.uuid, "Not checked", "Unknown"],
  ];
  assert.equal(
    table.stdout,
    renderSqlTable(["Server", "User", "Group", "Session", "Active", "Started"], rows),
  );
  const json = await cli(["list", "--offline", "--json"], env);
  const parsed = JSON.parse(json.stdout);
  assert.deepEqual(
    parsed.sessions.map((s: { session: string }) => s.session),
    rows.map((r) => r[3]),
  );
  assert.deepEqual(Object.keys(parsed.sessions[0]), [
    "server",
    "host",
    "port",
    "user",
    "group",
    "session",
    "active",
    "current",
    "started",
    "file",
  ]);
  assert.equal(parsed.sessions.filter((s: { current: boolean }) => s.current).length, 1);
  const empty = await cli(["list", "--offline"], { OMERO_SESSIONDIR: join(tmp.path, "x") });
  assert.equal(empty.stdout.split("\n").at(-2), "(0 rows)");
});

Deno.test("SQL table: trailing spaces, code-point widths, row counts as omero-py prints them", () => {
  assert.equal(
    renderSqlTable(["A", "Bé"], [["ü", "x"]]),
    " A | Bé \n---+----\n ü | x  \n(1 row)\n",
  );
  assert.equal(
    renderSqlTable(["Server", "User"], []),
    " Server | User \n--------+------\n(0 rows)\n",
  );
});

Deno.test("usage errors exit 2 with one message on stderr", async () => {
  const cases = [
    ["sessions"],
    ["login", "--bogus"],
    ["-p", "notaport", "login"],
    ["login", "-t", "abc"],
    ["keepalive", "--for", "soon"],
    ["completions", "tcsh"],
    ["login", "-w", "x", "--password-stdin", "h"],
    ["open"],
    ["open", "--user-id", "1", "--user-name", "x"],
    ["nosuchcommand"],
  ];
  for (const argv of cases) {
    const result = await cli(argv, { OMERO_SESSIONDIR: "/nonexistent" });
    assert.equal(result.code, 2, `${argv.join(" ")}: ${result.stderr}`);
    assert.notEqual(result.stderr, "", argv.join(" "));
    assert.equal(result.stdout, "", argv.join(" "));
  }
});

Deno.test("help exits 0 for the program, sessions and every subcommand", async () => {
  const subcommands = [
    "help",
    "login",
    "logout",
    "group",
    "timeout",
    "list",
    "who",
    "keepalive",
    "clear",
    "file",
    "key",
    "open",
    "close",
    "groups",
    "status",
    "exec",
    "version",
  ];
  for (
    const argv of [["--help"], ["sessions", "-h"], ...subcommands.map((s) => ["sessions", s, "-h"])]
  ) {
    const result = await cli(argv, {});
    assert.equal(result.code, 0, argv.join(" "));
    assert.notEqual(result.stdout, "", argv.join(" "));
  }
  // -p names the default port of each transport, as the connection string applies them.
  const login = await cli(["login", "-h"], {});
  assert.match(login.stdout.replace(/\s+/gu, " "), /default 4064 ssl, 4063 tcp, 443 wss, 80 ws/u);
  const extended = await cli(["sessions", "help"], {});
  assert.match(extended.stdout, /omero-sessions login alice@omero.example.org/u);
});

Deno.test("an empty server, user, password or connection string is a usage error", async () => {
  const cases = [
    ["login", ""],
    ["login", "-s", ""],
    ["login", "-u", "", "host"],
    ["login", "-w", "", "host"],
    ["login", "-w=", "host"],
    ["-s", "", "sessions", "login"],
    ["sessions", "-u", "", "login", "host"],
  ];
  for (const argv of cases) {
    const result = await cli(argv, { OMERO_SESSIONDIR: "/nonexistent" });
    assert.equal(result.code, 2, `${JSON.stringify(argv)}: ${result.stderr}`);
    assert.match(result.stderr, /empty value\n$/u, JSON.stringify(argv));
  }
});

Deno.test("help: topics env and sudo, --all, --help; -v and --version", async () => {
  const env = await cli(["help", "env"], {});
  assert.equal(env.code, 0);
  for (
    const name of [
      "OMERO_USERDIR",
      "OMERO_SESSIONDIR",
      "OMERO_SESSION_DIR",
      "OMERO_PASSWORD",
      "OMERO_CONNECT_TIMEOUT",
      "HOME",
    ]
  ) {
    assert.match(env.stdout, new RegExp(`\\n  ${name} `, "u"), name);
  }
  // The same paragraph closes the help of login, as omero-py's does.
  for (const argv of [["login", "-h"], ["sessions", "-h"], ["-h"], ["sessions", "login", "-h"]]) {
    assert.ok((await cli(argv, {})).stdout.endsWith(env.stdout), argv.join(" "));
  }
  assert.match((await cli(["help", "sudo"], {})).stdout, /--sudo ADMINUSER/u);
  const all = await cli(["help", "--all"], {});
  assert.equal(all.code, 0);
  for (const command of ["sessions help", "trust forget", "completions", "status", "exec"]) {
    assert.match(all.stdout, new RegExp(`\\n  ${command} `, "u"), command);
  }
  assert.equal((await cli(["help", "--list"], {})).stdout, all.stdout);
  const helpHelp = await cli(["help", "--help"], {});
  assert.equal(helpHelp.code, 0);
  assert.match(helpHelp.stdout, /^usage: omero-sessions help /u);
  const loginHelp = await cli(["help", "sessions", "login"], {});
  assert.match(loginHelp.stdout, /^usage: omero-sessions sessions login /u);
  assert.equal((await cli(["help", "nosuch"], {})).code, 2);
  for (const flag of ["-v", "--version", "--vers"]) {
    assert.deepEqual(await cli([flag], {}), {
      code: 0,
      stdout: (await cli(["version"], { OMERO_SESSIONDIR: "/nonexistent" })).stdout,
      stderr: "",
    });
  }
});

Deno.test("version prints the client version, also as JSON", async () => {
  assert.match((await cli(["version"], {})).stdout, /^\d+\.\d+\.\d+\n$/u);
  const json = JSON.parse((await cli(["version", "--json"], {})).stdout);
  assert.equal(json.client.name, "omero-sessions");
});

Deno.test("deprecated OMERO_SESSION_DIR works with a one-line notice", async () => {
  using tmp = tempDir();
  const base = join(tmp.path, "base");
  Deno.mkdirSync(join(base, "omero"), { recursive: true, mode: 0o700 });
  copyFixtureStore(join(base, "omero"));
  const result = await cli(["key"], { OMERO_SESSION_DIR: base });
  assert.equal(result.stdout, `${FIXTURE.current.uuid}\n`);
  assert.match(
    result.stderr,
    /^warning: OMERO_SESSION_DIR is deprecated; use OMERO_SESSIONDIR=.*\n$/u,
  );
});
