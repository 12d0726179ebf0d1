// The parser's grammar (argparse's, with our documented differences), on a small tree shaped like
// ours: root and `sessions` take the same options, `login` more, `exec` takes the rest verbatim.
import assert from "node:assert/strict";
import {
  ArgumentError,
  branch,
  flag,
  InvalidValue,
  leaf,
  negated,
  optionalValue,
  type OptionValues,
  parse,
  positional,
  value,
  values,
} from "../../src/cli/argparse.ts";

const NUMBER = /^[+-]?\d+$/u;
function seconds(text: string): number {
  if (!/^\d+$/u.test(text)) throw new InvalidValue("a number of seconds", NUMBER);
  return Number(text);
}

const LEVEL = {
  create: flag("-C, --create", "create"),
  quiet: flag("-q, --quiet", "quiet"),
  server: value("-s, --server", "SERVER", "server"),
  port: value("-p, --port", "PORT", "port", { parse: seconds }),
  user: value("-u, --user", "USER", "user"),
  password: value("-w, --password", "PASSWORD", "password"),
  passwordStdin: flag("--password-stdin", "stdin", { ours: true }),
  passwordFile: value("--password-file", "FILE", "file", { ours: true }),
};
type Above = OptionValues<typeof LEVEL>;

function tree(seen: (result: unknown) => void) {
  const login = leaf({
    name: "login",
    summary: "log in",
    options: {
      ...LEVEL,
      retry: optionalValue("--retry", "SECONDS", "retry", seconds, 0),
    },
    positionals: { connection: positional("[connection]", "where") },
  }, (values, above: Above) => seen({ above, values }));
  const list = leaf({
    name: "list",
    summary: "list",
    options: { purge: negated("--no-purge", "keep"), offline: flag("--offline", "offline") },
  }, (values) => seen(values));
  const exec = leaf({
    name: "exec",
    summary: "exec",
    options: { key: value("-k, --key", "KEY", "key") },
    positionals: { command: positional("<command...>", "command", { verbatim: true }) },
  }, (values) => seen(values));
  const completions = leaf({
    name: "completions",
    summary: "completions",
    options: {},
    positionals: { shell: positional("<shell>", "shell", { choices: ["bash", "zsh"] as const }) },
  }, ({ shell }) => seen(shell));
  const info = leaf({
    name: "info",
    summary: "info",
    options: { ids: values("--id", "ID", "ids"), long: flag("--long", "long") },
    positionals: { names: positional("[name...]", "names") },
  }, (values) => seen(values));
  const group = leaf(
    {
      name: "group",
      summary: "group",
      options: {},
      positionals: { target: positional("[target]", "target") },
    },
    (values) => seen(values),
    [info],
  );
  return branch({ name: "prog", summary: "test", options: LEVEL }, [
    branch({ name: "sessions", summary: "sessions", options: LEVEL }, [login, list, exec]),
    login,
    list,
    exec,
    completions,
    group,
  ]);
}

function run(argv: string[]): unknown {
  let result: unknown;
  const parsed = parse(tree((seen) => result = seen), argv, "prog");
  assert.equal(parsed.kind, "run");
  if (parsed.kind === "run") parsed.run();
  return result;
}

function login(argv: string[]) {
  return run(["login", ...argv]) as { values: Record<string, unknown>; above: Above };
}

function usageError(argv: string[], pattern: RegExp): string {
  let message = "";
  assert.throws(
    () => parse(tree(() => {}), argv, "prog"),
    (error: unknown) => {
      assert.ok(error instanceof ArgumentError, String(error));
      message = error.message;
      return true;
    },
  );
  assert.match(message, pattern, argv.join(" "));
  return message;
}

Deno.test("values after =, attached to short options, or as the next word", () => {
  for (
    const argv of [
      ["-w=PW"],
      ["-wPW"],
      ["-w", "PW"],
      ["--password=PW"],
      ["--password", "PW"],
      ["--pass", "PW"],
    ]
  ) {
    assert.equal(login(argv).values.password, "PW", argv.join(" "));
  }
  assert.equal(login(["-s=HOST"]).values.server, "HOST");
  assert.equal(login(["-p=4064"]).values.port, 4064);
  // Only the first `=` separates: the rest belongs to the value.
  assert.equal(login(["-w==a=b"]).values.password, "=a=b");
  assert.equal(login(["--password==x"]).values.password, "=x");
});

Deno.test("bundled short flags, and a short option with its value at the end of a bundle", () => {
  assert.deepEqual(login(["-Cq"]).values, { create: true, quiet: true });
  assert.deepEqual(login(["-Cqs", "host"]).values, { create: true, quiet: true, server: "host" });
  assert.deepEqual(login(["-CshostX"]).values, { create: true, server: "hostX" });
  usageError(["login", "-C=yes"], /argument -C\/--create: takes no value/);
});

Deno.test("unique prefixes of long options; argparse's ambiguous-option error", () => {
  assert.equal(login(["--serv", "h"]).values.server, "h");
  assert.equal(login(["--serv=h"]).values.server, "h");
  assert.deepEqual(run(["list", "--no-p"]), { purge: false });
  assert.deepEqual(run(["list", "--off"]), { purge: true, offline: true });
  // Only our --password-stdin/--password-file make `--pass` ambiguous: it stays --password.
  assert.equal(login(["--pass=x"]).values.password, "x");
  usageError(
    ["login", "--p", "x"],
    /^prog login: ambiguous option: --p could match --password, --port$/,
  );
  // Among our own options alone, a prefix is ambiguous as usual.
  usageError(
    ["login", "--password-"],
    /ambiguous option: --password- could match --password-file, --password-stdin/,
  );
  assert.equal(login(["--password-s"]).values.passwordStdin, true);
  usageError(["login", "--bogus"], /^prog login: unrecognized option --bogus$/);
  usageError(["--bogus"], /^prog: unrecognized option --bogus$/);
  usageError(["login", "-x"], /unrecognized option -x$/);
});

Deno.test("an optional value takes the next word only when it is a valid value", () => {
  const taken = login(["-C", "--retry", "alice@host"]);
  assert.equal(taken.values.connection, "alice@host");
  assert.equal(taken.values.retry, 0);
  assert.equal(login(["--retry", "30", "alice@host"]).values.retry, 30);
  assert.equal(login(["--retry=30"]).values.retry, 30);
  assert.equal(login(["--retry"]).values.retry, 0);
  usageError(["login", "--retry=soon"], /argument --retry: expected a number of seconds$/);
});

Deno.test("an empty value is a usage error, never 'absent'", () => {
  for (
    const argv of [
      ["login", ""],
      ["login", "-s", ""],
      ["login", "-s="],
      ["login", "-u", ""],
      ["login", "-w", ""],
      ["login", "-w="],
      ["login", "--password="],
      ["-s", "", "login"],
      ["completions", ""],
    ]
  ) {
    usageError(argv, /empty value/);
  }
});

Deno.test("a value word that looks like an option is not taken; a negative number is", () => {
  usageError(["login", "-w", "--quiet"], /argument -w\/--password: expected one argument/);
  usageError(["login", "-s"], /argument -s\/--server: expected one argument/);
  // `-1` is a value (and then a bad port), as in argparse when no option looks like a number.
  usageError(
    ["login", "-p", "-1"],
    /argument -p\/--port: expected a number of seconds \(got "-1"\)/,
  );
  assert.equal(login(["-w=-secret"]).values.password, "-secret");
});

Deno.test("rejected values are repeated only when numeric; stray words never", () => {
  const message = usageError(["login", "-p", "40\x1b[2J64"], /expected a number of seconds$/);
  assert.ok(!message.includes("\x1b"), message);
  usageError(["login", "-p", "99x"], /expected a number of seconds$/);
  const extra = usageError(["login", "host", "extra\x1b"], /unexpected argument/);
  assert.doesNotMatch(extra, /extra/);
  usageError(["bo\x1bgus"], /^prog: unknown command \(choose from/);
  usageError(["bogus"], /^prog: unknown command "bogus" \(choose from sessions, login/);
  usageError(["completions", "tcsh"], /argument shell: expected one of bash, zsh \(got "tcsh"\)/);
});

Deno.test("options belong to their level; the deepest given value wins", () => {
  const deep = login([]);
  assert.deepEqual(deep.above, {});
  const argv = ["-s", "a", "-q", "sessions", "-s", "b", "login", "-w", "pw"];
  const merged = run(argv) as { above: Above; values: Record<string, unknown> };
  assert.deepEqual(merged.above, { server: "b", quiet: true });
  assert.deepEqual(merged.values, { password: "pw" });
  // login's own option is not the sessions level's: after `login` it is login's.
  usageError(["sessions", "login", "--no-purge"], /^prog sessions login: unrecognized option/);
  // A level's options come before its command, as in argparse.
  usageError(["list", "--create"], /^prog list: unrecognized option --create$/);
});

Deno.test("`--` and the rest of the words: exec", () => {
  assert.deepEqual(run(["exec", "--", "ls", "-l", "--", "x"]), {
    command: ["ls", "-l", "--", "x"],
  });
  assert.deepEqual(run(["exec", "-k", "K", "ls", "-k"]), { key: "K", command: ["ls", "-k"] });
  assert.deepEqual(run(["exec", "--", "printf", ""]), { command: ["printf", ""] });
  usageError(["exec"], /the following argument is required: command/);
  usageError(["exec", "--"], /the following argument is required: command/);
  // After `--` a word is a positional even when it looks like an option.
  assert.equal(login(["--", "-notanoption"]).values.connection, "-notanoption");
});

Deno.test("commands: required, unknown; -h and --help at any level", () => {
  usageError(["sessions"], /^prog sessions: a command is required \(login, list, exec\)$/);
  usageError([], /^prog: a command is required/);
  for (const argv of [["-h"], ["--help"], ["--he"], ["sessions", "-h"], ["login", "-C", "-h"]]) {
    const parsed = parse(tree(() => {}), argv, "prog");
    assert.equal(parsed.kind, "help", argv.join(" "));
    if (parsed.kind === "help") assert.match(parsed.text, /^usage: prog/);
  }
  const help = parse(tree(() => {}), ["sessions", "login", "-h"], "prog");
  assert.ok(help.kind === "help");
  assert.match(help.text, /^usage: prog sessions login \[-h\] \[options\] \[connection\]\n/);
  assert.match(help.text, /\n {2}-w, --password PASSWORD\s+password\n/);
  assert.match(help.text, /\n {2}--retry \[SECONDS\]\s+retry\n/);
});

Deno.test("lists: [name...] positionals and --id ID... options; options between them", () => {
  assert.deepEqual(run(["group", "info", "a", "5", "--id", "1", "2", "--long", "b"]), {
    names: ["a", "5", "b"],
    ids: ["1", "2"],
    long: true,
  });
  assert.deepEqual(run(["group", "info", "--id=1", "--id", "2"]), { names: [], ids: ["1", "2"] });
  usageError(["group", "info", "--id"], /argument --id: expected at least one argument/);
  usageError(["group", "info", "--id", ""], /argument --id: empty value/);
});

Deno.test("a command with subcommands may take a positional of its own", () => {
  assert.deepEqual(run(["group", "lab"]), { target: "lab" });
  assert.deepEqual(run(["group"]), {});
  assert.deepEqual(run(["group", "info"]), { names: [] });
  // After `--`, `info` is the group's name, not the subcommand.
  assert.deepEqual(run(["group", "--", "info"]), { target: "info" });
  usageError(["group", "lab", "extra"], /unexpected argument/);
});
