// The command tree: the omero CLI's grammar plus our commands. This file only wires the parser
// (src/cli/argparse.ts) to the commands in src/commands/; errors become exit codes in `runCli`
// alone (through src/cli/exit-code.ts). Commands are imported when they run, never here: `key` must not pay for loading
// `list`'s or `login`'s Ice client.
import { escapeControl } from "../control-chars.ts";
import { CliError, UsageError } from "../errors.ts";
import { ExitCode } from "./exit-codes.ts";
import {
  type AnyCommand,
  ArgumentError,
  branch,
  flag,
  leaf,
  type Merged,
  negated,
  oneOf,
  optionalValue,
  type OptionValues,
  parse,
  positional,
  value,
  values,
} from "./argparse.ts";
import type { IO } from "./io.ts";
import { commandContext } from "./context.ts";
import type { CommandContext } from "../commands/context.ts";
import { TABLE_STYLES } from "../table.ts";
import {
  duration,
  id,
  integerIn,
  MAX_SESSION_SECONDS,
  MAX_TIMER_SECONDS,
  port,
  positiveSeconds,
} from "./option-parsers.ts";
import type { ConnectionOptions, LoginOptions } from "../login/options.ts";
import { ENV_HELP, helpTopic } from "./help-topics.ts";

/** Parses `argv` (without the program name), runs the command, returns the exit code. */
export async function runCli(argv: string[], io: IO): Promise<number> {
  try {
    // The one context of this process; its members are made when a command first needs them.
    const parsed = parse(buildProgram(commandContext(io)), argv, io.programName);
    if (parsed.kind === "help") {
      io.stdout.write(parsed.text);
      return ExitCode.ok;
    }
    // `exec` passes its child's status (any number, 128+N for a signal) through as ours.
    const status = await parsed.run();
    return typeof status === "number" ? status : ExitCode.ok;
  } catch (error) {
    report(
      io,
      error instanceof CliError || error instanceof ArgumentError
        ? error.message
        : `internal error: ${error instanceof Error ? error.message : error}`,
    );
    // Loaded only now: the error kinds of every layer are not needed to succeed.
    const { exitCodeFor } = await import("./exit-code.ts");
    return exitCodeFor(error);
  }
}

/**
 * The last word on stderr, one line: messages carry what servers and files said, so control
 * characters are escaped. If even stderr fails (a full disk), the exit code still tells.
 */
function report(io: IO, line: string): void {
  try {
    io.stderr.write(`${escapeControl(line)}\n`);
  } catch (error) {
    // "cannot write to stderr": nowhere left to say it.
    if (!(error instanceof CliError)) throw error;
  }
}

/** How to reach a server; also on commands that only talk to the stored session's server. */
const TRANSPORT = {
  insecure: flag("--insecure", "Do not verify the server's TLS certificate", { ours: true }),
  caFile: value(
    "--ca-file",
    "FILE",
    "Trust only certificates issued by the CAs in this PEM file",
    { ours: true },
  ),
  connectTimeout: value(
    "--connect-timeout",
    "SECONDS",
    "Connect timeout (env OMERO_CONNECT_TIMEOUT, default 5)",
    { parse: positiveSeconds, ours: true },
  ),
};

/** omero-py's "Login arguments" plus ours; given at several levels, the deepest wins. */
const CONNECTION = {
  create: flag("-C, --create", "Create a new session regardless of existing ones"),
  server: value(
    "-s, --server",
    "SERVER",
    "OMERO server: [USER@]HOST[:PORT] or a tcp|ssl|ws|wss URL",
  ),
  port: value(
    "-p, --port",
    "PORT",
    "OMERO server port (default 4064 ssl, 4063 tcp, 443 wss, 80 ws)",
    {
      parse: port,
    },
  ),
  group: value("-g, --group", "GROUP", "OMERO group to log in to"),
  user: value("-u, --user", "USER", "OMERO user name"),
  password: value(
    "-w, --password",
    "PASSWORD",
    "OMERO password (visible to other users; prefer the next two or OMERO_PASSWORD)",
  ),
  passwordStdin: flag("--password-stdin", "Read the password from the first line of stdin", {
    ours: true,
  }),
  passwordFile: value(
    "--password-file",
    "FILE",
    "Read the password from the first line of FILE",
    { ours: true },
  ),
  key: value("-k, --key", "KEY", "OMERO session key (UUID of an active session)"),
  sudo: value(
    "--sudo",
    "ADMINUSER",
    "Create the session as this admin (the password is the admin's)",
  ),
  quiet: flag("-q, --quiet", "Quiet mode: suppress most warnings and diagnostics"),
  ...TRANSPORT,
};

/** The connection options given on the levels above a command, merged (deepest wins). */
type Above = OptionValues<typeof CONNECTION>;

const SESSION_DIR = {
  sessionDir: value("--session-dir", "DIR", "deprecated: use OMERO_SESSIONDIR", { hidden: true }),
};

/** Seconds of a session timeout: sent as 64-bit milliseconds. */
function sessionSeconds(min: number) {
  return integerIn(min, MAX_SESSION_SECONDS, "a number of seconds");
}

/** Seconds that a timer of ours waits. */
function timerSeconds(min: number) {
  return integerIn(min, MAX_TIMER_SECONDS, "a number of seconds");
}

const LOGIN_EPILOG = ENV_HELP;

/** The whole tree; `runCli` parses against it, and tests walk it. */
export function buildProgram(context: CommandContext): AnyCommand {
  const name = context.programName;
  const root: AnyCommand = branch({
    name,
    summary:
      "Log in to OMERO servers and manage OMERO sessions (omero-py compatible, no Python needed)",
    options: {
      version: flag("-v, --version", "Print the client version and exit", { ours: true }),
      ...CONNECTION,
    },
  }, [
    branch({
      name: "sessions",
      summary: "Control and create user sessions",
      description: "Control and create user sessions. Sessions are stored locally on disk; " +
        "several can be active at once, but one invocation uses one.",
      options: CONNECTION,
    }, [
      leaf(
        { name: "help", summary: "Extended help with examples", options: {} },
        async () => (await import("../commands/help/help.ts")).run({}, context),
      ),
      ...sessionCommands(context, "sessions"),
    ]),
    ...sessionCommands(context, "top"),
    trustCommand(context.io),
    leaf({
      name: "completions",
      summary: "Print a shell completion script",
      options: {},
      positionals: { shell: positional("<shell>", "bash, zsh or fish", { choices: SHELLS }) },
    }, async ({ shell }) => {
      const completions = await import("../commands/completions/completions.ts");
      completions.run({ shell, tree: root }, context);
    }),
    helpCommand(() => root, context),
  ], (values) => versionOnly(values, context));
  return root;
}

const SHELLS = ["bash", "zsh", "fish"] as const;

/**
 * `-v`/`--version` on the top level prints the client version number, as `version` does without
 * a session (and `omero --version` prints omero-py's). Given with a command, the command
 * runs (argparse's `version` action would exit first; the command is what was asked for).
 */
async function versionOnly(values: { version?: boolean }, context: CommandContext): Promise<void> {
  const name = context.programName;
  if (!values.version) throw new ArgumentError(`${name}: a command is required (see ${name} -h)`);
  const { CLIENT } = await import("../commands/version/client.ts");
  context.io.stdout.write(`${CLIENT.version}\n`);
}

/**
 * Everything reachable both as `sessions X` and as `X`. Only the top-level `group` has omero-py's
 * group plugin below it (`group list`, `group info`); `sessions group list` switches to a group
 * named `list`, as in omero-py.
 */
function sessionCommands(context: CommandContext, level: "top" | "sessions") {
  return [
    leaf({
      name: "login",
      summary: "Log in to a server and store the session key locally",
      epilog: LOGIN_EPILOG,
      options: {
        ...CONNECTION,
        timeout: value("-t, --timeout", "SECONDS", "Idle timeout of a new session, in seconds", {
          parse: sessionSeconds(1),
        }),
        retry: optionalValue(
          "--retry",
          "SECONDS",
          "Keep retrying the login for this many seconds",
          timerSeconds(0),
          0,
        ),
        ...SESSION_DIR,
      },
      positionals: {
        connection: positional("[connection]", "[USER@]SERVER[:PORT], or a tcp|ssl|ws|wss URL"),
      },
    }, async (values, above: Above) => {
      const options = merge(above, values);
      checkOnePasswordSource(options);
      const login = await import("../commands/login/login.ts");
      await login.run({ ...options, retry: options.retry ?? 0 }, context);
    }),

    leaf({
      name: "logout",
      summary: "Close the current session and remove its key",
      options: { ...TRANSPORT, ...SESSION_DIR },
    }, async (values, above: Above) => {
      const logout = await import("../commands/logout/logout.ts");
      await logout.run(merge(above, values), context);
    }),

    leaf({
      name: "list",
      summary: "List the sessions stored locally",
      options: {
        purge: negated("--no-purge", "Do not remove sessions the servers say are gone"),
        offline: flag("--offline", "Only read the store; do not contact servers"),
        json: flag("--json", "Print one JSON document"),
        ...TRANSPORT,
        ...SESSION_DIR,
      },
    }, async (values, above: Above) => {
      const list = await import("../commands/list/list.ts");
      await list.run(merge(above, values), context);
    }),

    leaf({
      name: "file",
      summary: "Print the path of the current session file",
      options: SESSION_DIR,
    }, async (values) => (await import("../commands/file/file.ts")).run(values, context)),

    leaf({
      name: "key",
      summary: "Print the key of the current session",
      options: SESSION_DIR,
    }, async (values) => (await import("../commands/key/key.ts")).run(values, context)),

    leaf({
      name: "who",
      summary: "List the sessions active on the server",
      options: {
        showUuid: flag("--show-uuid", "Show session keys"),
        json: flag("--json", "Print one JSON document"),
        ...TRANSPORT,
      },
    }, async (values, above: Above) => {
      const who = await import("../commands/who/who.ts");
      await who.run({ ...values, login: implicitLogin(above, values) }, context);
    }),

    leaf({
      name: "group",
      summary: "Show the session's group, or switch it by id or name",
      options: { ...TRANSPORT, ...SESSION_DIR },
      positionals: { target: positional("[target]", "Id or name of the group to switch to") },
    }, async (values, above: Above) => {
      const group = await import("../commands/group/group.ts");
      await group.run({ target: values.target, login: implicitLogin(above, values) }, context);
    }, level === "top" ? groupPlugin(context) : []),

    leaf({
      name: "groups",
      summary: "List the groups of the current user",
      options: { json: flag("--json", "Print one JSON document"), ...TRANSPORT },
    }, async (values, above: Above) => {
      const groups = await import("../commands/group/groups.ts");
      await groups.run({ ...values, login: implicitLogin(above, values) }, context);
    }),

    leaf({
      name: "timeout",
      summary: "Query or set the idle timeout of a session",
      options: {
        session: value("--session", "UUID", "Session other than the current one"),
        ...TRANSPORT,
      },
      positionals: {
        seconds: positional("[seconds]", "New idle timeout in seconds", {
          parse: sessionSeconds(0),
        }),
      },
    }, async (values, above: Above) => {
      const timeout = await import("../commands/timeout/timeout.ts");
      await timeout.run({ ...values, login: implicitLogin(above, values) }, context);
    }),

    leaf({
      name: "keepalive",
      summary: "Keep the current session alive",
      options: {
        frequency: value("-f, --frequency", "SECONDS", "Seconds between keep-alive calls (60)", {
          parse: timerSeconds(1),
        }),
        for: value("--for", "DURATION", "Stop after this long (90s, 15m, 2h)", {
          parse: duration,
        }),
        ...TRANSPORT,
        ...SESSION_DIR,
      },
    }, async (values, above: Above) => {
      const keepalive = await import("../commands/keepalive/keepalive.ts");
      await keepalive.run(
        { ...values, frequency: values.frequency ?? 60, login: implicitLogin(above, values) },
        context,
      );
    }),

    leaf({
      name: "clear",
      summary: "Close and remove all locally stored sessions",
      options: {
        all: flag("--all", "Accepted for compatibility; clear always removes all"),
        ...TRANSPORT,
        ...SESSION_DIR,
      },
    }, async (values, above: Above) => {
      const clear = await import("../commands/clear/clear.ts");
      await clear.run(merge(above, values), context);
    }),

    leaf({
      name: "open",
      summary: "Create a session for a user (administrators)",
      options: {
        userId: value("--user-id", "ID", "User id", { parse: id }),
        userName: value("--user-name", "NAME", "User name"),
        groupId: value("--group-id", "ID", "Group id", { parse: id }),
        groupName: value("--group-name", "NAME", "Group name"),
        timeout: value("--timeout", "SECONDS", "Lifetime in seconds (default 0: the maximum)", {
          parse: sessionSeconds(0),
        }),
        ...TRANSPORT,
      },
    }, async (values, above: Above) => {
      onlyOne(values.userId, "--user-id", values.userName, "--user-name");
      onlyOne(values.groupId, "--group-id", values.groupName, "--group-name");
      if (values.userId === undefined && values.userName === undefined) {
        throw new UsageError("open: one of --user-id or --user-name is required");
      }
      const open = await import("../commands/open/open.ts");
      await open.run({ ...values, login: implicitLogin(above, values) }, context);
    }),

    leaf({
      name: "close",
      summary: "Close the session with the given key",
      options: TRANSPORT,
      positionals: { sessionId: positional("[sessionId]", "The session key") },
    }, async (values, above: Above) => {
      const close = await import("../commands/close/close.ts");
      await close.run({ ...values, login: implicitLogin(above, values) }, context);
    }),

    leaf({
      name: "status",
      summary: "Is the current (or -k) session alive? Exit 0, 4 or 5",
      options: {
        json: flag("--json", "Print one JSON document"),
        key: CONNECTION.key,
        server: CONNECTION.server,
        port: CONNECTION.port,
        ...TRANSPORT,
        ...SESSION_DIR,
      },
    }, async (values, above: Above) => {
      const status = await import("../commands/status/status.ts");
      await status.run(merge(above, values), context);
    }),

    leaf({
      name: "exec",
      summary: "Run a command with the session in its environment",
      options: { key: CONNECTION.key, ...TRANSPORT },
      positionals: {
        command: positional("<command...>", "Command and arguments, after --", { verbatim: true }),
      },
    }, async (values, above: Above) => {
      const exec = await import("../commands/exec/exec.ts");
      return await exec.run(
        { key: values.key, command: values.command, login: implicitLogin(above, values) },
        context,
      );
    }),

    leaf({
      name: "version",
      summary: "Print the client version, and the server's when logged in",
      options: { json: flag("--json", "Print one JSON document"), ...TRANSPORT, ...SESSION_DIR },
    }, async (values, above: Above) => {
      const version = await import("../commands/version/version.ts");
      await version.run(merge(above, values), context);
    }),
  ];
}

/** omero-py's options of the group tables (with --json, ours). */
const GROUP_TABLE = {
  count: flag("--count", "Print the numbers of owners and members (default)"),
  long: flag("--long", "Print the ids of owners and members, comma-separated"),
  sortById: flag("--sort-by-id", "Sort groups by id (default)"),
  sortByName: flag("--sort-by-name", "Sort groups by name"),
  style: value("--style", "STYLE", `Output style: ${TABLE_STYLES.join(", ")} (default sql)`, {
    parse: oneOf(TABLE_STYLES),
  }),
  json: flag("--json", "Print one JSON document", { ours: true }),
  ...TRANSPORT,
  ...SESSION_DIR,
};

function checkGroupTable(values: OptionValues<typeof GROUP_TABLE>): void {
  onlyOne(values.long || undefined, "--long", values.count || undefined, "--count");
  onlyOne(
    values.sortById || undefined,
    "--sort-by-id",
    values.sortByName || undefined,
    "--sort-by-name",
  );
}

/** `group list` and `group info [GROUP...]`, under the top-level `group`. */
function groupPlugin(context: CommandContext) {
  return [
    leaf({ name: "list", summary: "List all groups", options: GROUP_TABLE }, async (
      values,
      above: Above,
    ) => {
      checkGroupTable(values);
      const groupList = await import("../commands/group/group-list.ts");
      await groupList.list({ ...values, login: implicitLogin(above, values) }, context);
    }),
    leaf({
      name: "info",
      summary: "List the given groups (default: the session's group)",
      options: {
        groupId: values("--group-id", "ID", "Id of the group(s)"),
        groupName: values("--group-name", "NAME", "Name of the group(s)"),
        ...GROUP_TABLE,
      },
      positionals: { groups: positional("[group...]", "Id or name of the group(s)") },
    }, async (options, above: Above) => {
      checkGroupTable(options);
      const groupList = await import("../commands/group/group-list.ts");
      await groupList.info({ ...options, login: implicitLogin(above, options) }, context);
    }),
  ];
}

function trustCommand(io: IO): AnyCommand {
  return branch({ name: "trust", summary: "Pinned server certificates", options: {} }, [
    leaf({
      name: "list",
      summary: "List pinned certificates",
      options: { json: flag("--json", "Print one JSON document") },
    }, async (values) => (await import("../commands/trust/trust.ts")).list(values, io)),
    leaf({
      name: "forget",
      summary: "Forget the certificate pinned for HOST[:PORT]",
      options: {},
      positionals: {
        hostPort: positional("<hostport>", "HOST[:PORT], or a ssl:// or wss:// URL"),
      },
    }, async ({ hostPort }) => (await import("../commands/trust/trust.ts")).forget(hostPort, io)),
  ]);
}

/** `help [COMMAND…|env|sudo]`, `help --all`: topics and the help of any command. */
function helpCommand(root: () => AnyCommand, context: CommandContext) {
  return leaf({
    name: "help",
    summary: "Help on a command, or on a topic: env, sudo",
    options: {
      all: flag("--all", "List every command, with the commands of `sessions` and `trust`"),
      list: flag("--list", "The same as --all"),
    },
    positionals: { topic: positional("[topic...]", "A command (`sessions login`), env or sudo") },
  }, ({ all, list, topic }) => {
    const every = all === true || list === true;
    context.io.stdout.write(helpTopic(root(), context.programName, topic ?? [], every));
  });
}

/** Own values over those given above (the parser merged those already, deepest first). */
function merge<A extends object, O extends object>(above: A, own: O): Merged<A, O> {
  return Object.assign({}, above, own);
}

/** Options given to the command itself that belong to its implicit login. */
const OWN_LOGIN_OPTIONS = ["insecure", "caFile", "connectTimeout", "sessionDir"] as const;
type OwnLoginOptions = Pick<LoginOptions, typeof OWN_LOGIN_OPTIONS[number]>;

/**
 * The implicit login of a server command: the login options given on the levels above it, plus
 * its own transport options; no --retry. The command's other options (e.g. `open --timeout`,
 * `exec -k`) stay its own, unlike omero-py, where `open --timeout` also became login's `-t`.
 */
function implicitLogin(above: Above, own: OwnLoginOptions): LoginOptions {
  const options: LoginOptions = { ...above, retry: 0 };
  for (const name of OWN_LOGIN_OPTIONS) overrideIfGiven(options, own, name);
  checkOnePasswordSource(options);
  return options;
}

function overrideIfGiven<T, K extends keyof T>(target: T, source: Pick<T, K>, name: K): void {
  if (source[name] !== undefined) target[name] = source[name];
}

function onlyOne(a: unknown, aName: string, b: unknown, bName: string): void {
  if (a !== undefined && b !== undefined) {
    throw new UsageError(`give only one of ${aName}, ${bName}`);
  }
}

function checkOnePasswordSource(options: ConnectionOptions): void {
  const given = [
    options.password !== undefined && "-w",
    options.passwordStdin && "--password-stdin",
    options.passwordFile !== undefined && "--password-file",
  ].filter(Boolean);
  if (given.length > 1) throw new UsageError(`give only one of ${given.join(", ")}`);
}
