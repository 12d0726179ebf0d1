// The command tree (SPEC §2): the omero CLI's grammar plus our commands. This file only wires
// the parser to the commands in src/commands/; errors become exit codes in `runCli` alone
// (through src/cli/exit-code.ts).
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import type { CommandUnknownOpts, OptionValues } from "@commander-js/extra-typings";
import { CliError, UsageError } from "../errors.ts";
import { ExitCode, exitCodeFor } from "./exit-code.ts";
import type { IO } from "./io.ts";
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
// Commands are imported when their action runs, never here: `key` must not pay for loading
// `list`'s or `login`'s Ice client (SPEC §7: local commands start in tens of milliseconds).
import type { ConnectionOptions, LoginOptions } from "../commands/login/options.ts";

/** Parses `argv` (without the program name), runs the command, returns the exit code. */
export async function runCli(argv: string[], io: IO): Promise<number> {
  // `exec` passes its child's status (any number, 128+N for a signal) through as ours.
  const outcome: { status: number } = { status: ExitCode.ok };
  try {
    await buildProgram(io, io.programName, outcome).parseAsync(argv, { from: "user" });
    return outcome.status;
  } catch (error) {
    // Commander has already printed its message (or the help) through io.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    report(
      io,
      error instanceof CliError
        ? error.message
        : `internal error: ${error instanceof Error ? error.message : error}`,
    );
    return exitCodeFor(error);
  }
}

/** The last word on stderr; if even stderr fails (a full disk), the exit code still tells. */
function report(io: IO, line: string): void {
  try {
    io.stderr.write(`${line}\n`);
  } catch (error) {
    // "cannot write to stderr": nowhere left to say it.
    if (!(error instanceof CliError)) throw error;
  }
}

function buildProgram(io: IO, name: string, outcome: { status: number }): CommandUnknownOpts {
  const bare = new Command(name)
    .description(
      "Log in to OMERO servers and manage OMERO sessions (omero-py compatible, no Python needed)",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .enablePositionalOptions();
  const program = addConnectionOptions(bare);

  const sessions = addConnectionOptions(
    program.command("sessions")
      .description(
        "Control and create user sessions. Sessions are stored locally on disk; several can be " +
          "active at once, but one invocation uses one.",
      )
      .enablePositionalOptions()
      .helpCommand(false),
  );
  sessions.command("help").description("Extended help").action(async () =>
    (await import("../commands/help/help.ts")).run(name, io)
  );

  addGroupPlugin(addSessionCommands(program, io), program, io);
  addSessionCommands(sessions, io);
  addOwnCommands(program, io, outcome);
  return program;
}

/** reference §4.1's "Login arguments" plus ours; given at several levels, the deepest wins. */
function addConnectionOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(command: Command<Args, Opts, Globals>) {
  return addTransportOptions(
    command
      .option("-C, --create", "Create a new session regardless of existing ones")
      .option("-s, --server <server>", "OMERO server: [USER@]HOST[:PORT] or a tcp|ssl|ws|wss URL")
      .option("-p, --port <port>", "OMERO server port (default 4064)", port)
      .option("-g, --group <group>", "OMERO group to log in to")
      .option("-u, --user <user>", "OMERO user name")
      .option(
        "-w, --password <password>",
        "OMERO password (visible to other users; prefer the next)",
      )
      .option("--password-stdin", "Read the password from the first line of stdin")
      .option("--password-file <file>", "Read the password from the first line of FILE")
      .option("-k, --key <key>", "OMERO session key (UUID of an active session)")
      .option(
        "--sudo <adminuser>",
        "Create the session as this admin (the password is the admin's)",
      )
      .option("-q, --quiet", "Quiet mode: suppress most warnings and diagnostics"),
  );
}

/**
 * A level that takes the connection options and has subcommands: the program and `sessions`
 * (whose inherited options, the program's, are the same connection options).
 */
type ConnectionLevel = ReturnType<typeof addConnectionOptions<[], NoOptions, NoOptions>>;
type NoOptions = Record<never, never>;

/** How to reach a server; also on commands that only talk to the stored session's server. */
function addTransportOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(command: Command<Args, Opts, Globals>) {
  return command
    .option("--insecure", "Do not verify the server's TLS certificate")
    .option("--ca-file <file>", "Trust only certificates issued by the CAs in this PEM file")
    .option(
      "--connect-timeout <seconds>",
      "Connect timeout (env OMERO_CONNECT_TIMEOUT, default 5)",
      positiveSeconds,
    );
}

/** Seconds of a session timeout: sent as 64-bit milliseconds. */
function sessionSeconds(min: number) {
  return integerIn(min, MAX_SESSION_SECONDS, "a number of seconds");
}

/** Seconds that a timer of ours waits. */
function timerSeconds(min: number) {
  return integerIn(min, MAX_TIMER_SECONDS, "a number of seconds");
}

function hiddenSessionDir() {
  return new Option("--session-dir <dir>", "deprecated: use OMERO_SESSIONDIR").hideHelp();
}

/** Everything reachable both as `sessions X` and as `X`; returns that level's `group`. */
function addSessionCommands(parent: ConnectionLevel, io: IO) {
  const loginCommand = addConnectionOptions(
    parent.command("login")
      .description("Log in to a server and store the session key locally")
      .argument("[connection]", "[USER@]SERVER[:PORT], or a tcp|ssl|ws|wss URL")
      .option(
        "-t, --timeout <seconds>",
        "Idle timeout of a new session, in seconds",
        sessionSeconds(1),
      )
      .option("--retry [seconds]", "Keep retrying the login for this many seconds", timerSeconds(0))
      .addOption(hiddenSessionDir()),
  );
  loginCommand.action(async (connection, _options, command) => {
    const options = mergedOptions(command);
    checkOnePasswordSource(options);
    const retry = typeof options.retry === "number" ? options.retry : 0;
    const login = await import("../commands/login/login.ts");
    await login.run({ ...options, connection, retry }, io);
  });

  const logoutCommand = addTransportOptions(
    parent.command("logout")
      .description("Close the current session and remove its key")
      .addOption(hiddenSessionDir()),
  );
  logoutCommand.action(async (_options, command) => {
    const logout = await import("../commands/logout/logout.ts");
    await logout.run(mergedOptions(command), io);
  });

  const listCommand = addTransportOptions(
    parent.command("list").description("List the sessions stored locally")
      .option("--no-purge", "Do not remove sessions the servers say are gone")
      .option("--offline", "Only read the store; do not contact servers")
      .option("--json", "Print one JSON document")
      .addOption(hiddenSessionDir()),
  );
  listCommand.action(async (_options, command) => {
    const list = await import("../commands/list/list.ts");
    await list.run(mergedOptions(command), io);
  });

  parent.command("file").description("Print the path of the current session file")
    .addOption(hiddenSessionDir())
    .action(async (options) => (await import("../commands/file/file.ts")).run(options, io));

  parent.command("key").description("Print the key of the current session")
    .addOption(hiddenSessionDir())
    .action(async (options) => (await import("../commands/key/key.ts")).run(options, io));

  const whoCommand = addTransportOptions(
    parent.command("who").description("List the sessions active on the server")
      .option("--show-uuid", "Show session keys")
      .option("--json", "Print one JSON document"),
  );
  whoCommand.action(async (options) => {
    const who = await import("../commands/who/who.ts");
    await who.run(options, implicitLogin(parent, options), io);
  });

  const groupCommand = addTransportOptions(
    parent.command("group")
      .description("Show the session's group, or switch it by id or name")
      .argument("[target]", "Id or name of the group to switch to")
      .addOption(hiddenSessionDir()),
  );
  groupCommand.action(async (target, options) => {
    const group = await import("../commands/group/group.ts");
    await group.run({ target }, implicitLogin(parent, options), io);
  });

  const timeoutCommand = addTransportOptions(
    parent.command("timeout")
      .description("Query or set the idle timeout of a session")
      .argument("[seconds]", "New idle timeout in seconds", sessionSeconds(0))
      .option("--session <uuid>", "Session other than the current one"),
  );
  timeoutCommand.action(async (seconds, options) => {
    const timeout = await import("../commands/timeout/timeout.ts");
    await timeout.run({ ...options, seconds }, implicitLogin(parent, options), io);
  });

  const keepaliveCommand = addTransportOptions(
    parent.command("keepalive").description("Keep the current session alive")
      .option("-f, --frequency <seconds>", "Seconds between keep-alive calls", timerSeconds(1), 60)
      .option("--for <duration>", "Stop after this long (90s, 15m, 2h)", duration)
      .addOption(hiddenSessionDir()),
  );
  keepaliveCommand.action(async (options) => {
    const keepalive = await import("../commands/keepalive/keepalive.ts");
    await keepalive.run(options, implicitLogin(parent, options), io);
  });

  const clearCommand = addTransportOptions(
    parent.command("clear")
      .description("Close and remove all locally stored sessions")
      .option("--all", "Accepted for compatibility; clear always removes all")
      .addOption(hiddenSessionDir()),
  );
  clearCommand.action(async (_options, command) => {
    const clear = await import("../commands/clear/clear.ts");
    await clear.run(mergedOptions(command), io);
  });

  const openCommand = addTransportOptions(
    parent.command("open")
      .description("Create a session for a user (administrators)")
      .addOption(new Option("--user-id <id>", "User id").argParser(id).conflicts("userName"))
      .option("--user-name <name>", "User name")
      .addOption(new Option("--group-id <id>", "Group id").argParser(id).conflicts("groupName"))
      .option("--group-name <name>", "Group name")
      .option(
        "--timeout <seconds>",
        "Lifetime in seconds (default 0: the maximum)",
        sessionSeconds(0),
      ),
  );
  openCommand.action(async (options) => {
    if (options.userId === undefined && options.userName === undefined) {
      throw new UsageError("open: one of --user-id or --user-name is required");
    }
    const open = await import("../commands/open/open.ts");
    await open.run(options, implicitLogin(parent, options), io);
  });

  const closeCommand = addTransportOptions(
    parent.command("close").description("Close the session with the given key")
      .argument("[sessionId]", "The session key"),
  );
  closeCommand.action(async (sessionId, options) => {
    const close = await import("../commands/close/close.ts");
    await close.run({ sessionId }, implicitLogin(parent, options), io);
  });
  return groupCommand;
}

/**
 * omero-py's group plugin under the top-level `group` (`sessions group` only switches, as in
 * omero-py): `group list` and `group info [GROUP...]`.
 */
function addGroupPlugin(
  group: ReturnType<typeof addSessionCommands>,
  program: ConnectionLevel,
  io: IO,
) {
  const listCommand = addGroupTableOptions(group.command("list").description("List all groups"));
  listCommand.action(async (_options, command) => {
    const groupList = await import("../commands/group/group-list.ts");
    const options = mergedOptions(command);
    await groupList.list(options, implicitLogin(program, options), io);
  });
  const infoCommand = addGroupTableOptions(
    group.command("info")
      .description("List the given groups (default: the session's group)")
      .argument("[group...]", "Id or name of the group(s)")
      .option("--group-id <id...>", "Id of the group(s)")
      .option("--group-name <name...>", "Name of the group(s)"),
  );
  infoCommand.action(async (groups, _options, command) => {
    const groupList = await import("../commands/group/group-list.ts");
    const options = mergedOptions(command);
    await groupList.info({ ...options, groups }, implicitLogin(program, options), io);
  });
}

/** omero-py's options of the group tables (with --json, ours). */
function addGroupTableOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(command: Command<Args, Opts, Globals>) {
  return addTransportOptions(command)
    .addOption(
      new Option("--count", "Print the numbers of owners and members (default)").conflicts("long"),
    )
    .option("--long", "Print the ids of owners and members, comma-separated")
    .addOption(new Option("--sort-by-id", "Sort groups by id (default)").conflicts("sortByName"))
    .option("--sort-by-name", "Sort groups by name")
    .addOption(new Option("--style <style>", "Output style (default sql)").choices(TABLE_STYLES))
    .option("--json", "Print one JSON document")
    .addOption(hiddenSessionDir());
}

/** Our additions (SPEC §2, §6), top level only. */
function addOwnCommands(
  program: ConnectionLevel,
  io: IO,
  outcome: { status: number },
): void {
  const groupsCommand = addTransportOptions(
    program.command("groups")
      .description("List the groups of the current user")
      .option("--json", "Print one JSON document"),
  );
  groupsCommand.action(async (options) => {
    const groups = await import("../commands/group/groups.ts");
    await groups.run(options, implicitLogin(program, options), io);
  });

  const statusCommand = addTransportOptions(
    program.command("status")
      .description("Is the current (or -k) session alive? Exit 0, 4 or 5")
      .option("--json", "Print one JSON document")
      .option("-k, --key <key>", "Session key (default: the current session)")
      .addOption(hiddenSessionDir()),
  );
  statusCommand.action(async (_options, command) => {
    const status = await import("../commands/status/status.ts");
    await status.run(mergedOptions(command), io);
  });

  const execCommand = addTransportOptions(
    program.command("exec")
      .description("Run a command with the session in its environment")
      .option("-k, --key <key>", "Session key (default: the current session)")
      .argument("<command...>", "Command and arguments, after --")
      .passThroughOptions(),
  );
  execCommand.action(async (args, options) => {
    const exec = await import("../commands/exec/exec.ts");
    outcome.status = await exec.run(
      { key: options.key, command: args },
      implicitLogin(program, options),
      io,
    );
  });

  const trust = program.command("trust").description("Pinned server certificates");
  trust.command("list").description("List pinned certificates")
    .option("--json", "Print one JSON document")
    .action(async (options) => (await import("../commands/trust/trust.ts")).list(options, io));
  trust.command("forget").description("Forget the certificate pinned for HOST[:PORT]")
    .argument("<hostport>", "HOST[:PORT], or a ssl:// or wss:// URL")
    .action(async (hostPort) => (await import("../commands/trust/trust.ts")).forget(hostPort, io));

  const versionCommand = addTransportOptions(
    program.command("version")
      .description("Print the client version, and the server's when logged in")
      .option("--json", "Print one JSON document")
      .addOption(hiddenSessionDir()),
  );
  versionCommand.action(async (_options, command) => {
    const version = await import("../commands/version/version.ts");
    await version.run(mergedOptions(command), io);
  });

  program.command("completions").description("Print a shell completion script")
    .addArgument(
      new Command().createArgument("<shell>", "bash, zsh or fish").choices(["bash", "zsh", "fish"]),
    )
    .action(async (shell, _options, command) => {
      const completions = await import("../commands/completions/completions.ts");
      completions.run(shell, command, io);
    });
}

/**
 * Option values of a command and its ancestors; a value given deeper wins (reference §1.3).
 * Typed like commander's `optsWithGlobals()`, whose keys and value types extra-typings tracks
 * through the levels; only the precedence differs (there, an ancestor's value wins).
 */
export function mergedOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(command: Command<Args, Opts, Globals>) {
  const merged = command.optsWithGlobals();
  const chain: CommandUnknownOpts[] = [];
  for (let c: CommandUnknownOpts | null = command; c; c = c.parent) chain.unshift(c);
  // Re-applying each level's values, root first, lets the deepest given value win.
  for (const level of chain) {
    for (const [name, value] of Object.entries(level.opts())) {
      if (value !== undefined) Object.assign(merged, { [name]: value });
    }
  }
  return merged;
}

/** Options given to the command itself that belong to its implicit login. */
const OWN_LOGIN_OPTIONS = ["insecure", "caFile", "connectTimeout", "sessionDir"] as const;
type OwnLoginOptions = Pick<LoginOptions, typeof OWN_LOGIN_OPTIONS[number]>;

/**
 * The implicit login of a server command (reference §6): the login options given on the levels
 * above it, plus its own transport options; no --retry. The command's other options (e.g.
 * `open --timeout`, `exec -k`) stay its own, unlike omero-py, where `open --timeout` also became
 * login's `-t`.
 */
function implicitLogin(above: ConnectionLevel, own: OwnLoginOptions): LoginOptions {
  const options: LoginOptions = { ...mergedOptions(above), retry: 0 };
  for (const name of OWN_LOGIN_OPTIONS) overrideIfGiven(options, own, name);
  checkOnePasswordSource(options);
  return options;
}

function overrideIfGiven<T, K extends keyof T>(target: T, source: Pick<T, K>, name: K): void {
  if (source[name] !== undefined) target[name] = source[name];
}

function checkOnePasswordSource(options: ConnectionOptions): void {
  const given = [
    options.password !== undefined && "-w",
    options.passwordStdin && "--password-stdin",
    options.passwordFile !== undefined && "--password-file",
  ].filter(Boolean);
  if (given.length > 1) throw new UsageError(`give only one of ${given.join(", ")}`);
}
