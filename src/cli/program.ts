// The command tree: the omero CLI's grammar plus our commands. Each command declares its own
// options next to its run (src/commands/<name>/command.ts); this file assembles the levels and
// the commands of our own, and errors become exit codes in src/cli/run-reported.ts alone
// (through src/cli/exit-code.ts). Commands are loaded when they run: `key` must not pay for
// loading `list`'s or `login`'s Ice client. The local command lines that need no parser start
// without this file (src/cli/local-commands.ts).
import { lazyImport } from "../lazy-import.ts";
import { runReported } from "./run-reported.ts";
import {
  type AnyCommand,
  ArgumentError,
  branch,
  flag,
  leaf,
  parse,
  positional,
} from "./argparse.ts";
import type { IO } from "./io.ts";
import { commandContext } from "./context.ts";
import { ENV_HELP, helpTopic } from "./help-topics.ts";
import type { CommandContext } from "../commands/context.ts";
import { CONNECTION } from "../commands/shared/options.ts";
import { clearCommand } from "../commands/clear/command.ts";
import { closeCommand } from "../commands/close/command.ts";
import { execCommand } from "../commands/exec/command.ts";
import { fileCommand } from "../commands/file/command.ts";
import { groupCommand } from "../commands/group/command.ts";
import { groupsCommand } from "../commands/group/groups-command.ts";
import { keepaliveCommand } from "../commands/keepalive/command.ts";
import { keyCommand } from "../commands/key/command.ts";
import { listCommand } from "../commands/list/command.ts";
import { loginCommand } from "../commands/login/command.ts";
import { logoutCommand } from "../commands/logout/command.ts";
import { openCommand } from "../commands/open/command.ts";
import { statusCommand } from "../commands/status/command.ts";
import { timeoutCommand } from "../commands/timeout/command.ts";
import { trustCommand } from "../commands/trust/command.ts";
import { versionCommand } from "../commands/version/command.ts";
import { whoCommand } from "../commands/who/command.ts";

/** Parses `argv` (without the program name), runs the command, returns the exit code. */
export function runCli(argv: string[], io: IO): Promise<number> {
  return runReported(io, () => {
    // The one context of this process; its members are made when a command first needs them.
    const parsed = parse(buildProgram(commandContext(io)), argv, io.programName);
    if (parsed.kind !== "help") return parsed.run();
    io.stdout.write(parsed.text);
  }, (error) => error instanceof ArgumentError);
}

/** The whole tree; `runCli` parses against it, and tests walk it. */
export function buildProgram(context: CommandContext): AnyCommand {
  const name = context.programName;
  const root: AnyCommand = branch({
    name,
    summary:
      "Log in to OMERO servers and manage OMERO sessions (omero-py compatible, no Python needed)",
    // omero-py closes the help of every level with login options with this paragraph.
    epilog: ENV_HELP,
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
      epilog: ENV_HELP,
      options: CONNECTION,
    }, [
      leaf(
        { name: "help", summary: "Extended help with examples", options: {} },
        async () =>
          (await lazyImport<typeof import("../commands/help/help.ts")>("commands/help/help.ts"))
            .run({}, context),
      ),
      ...sessionCommands(context, "sessions"),
    ]),
    ...sessionCommands(context, "top"),
    trustCommand(context),
    leaf({
      name: "completions",
      summary: "Print a shell completion script",
      options: {},
      positionals: { shell: positional("<shell>", "bash, zsh or fish", { choices: SHELLS }) },
    }, async ({ shell }) => {
      const completions = await lazyImport<typeof import("../commands/completions/completions.ts")>(
        "commands/completions/completions.ts",
      );
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
  const { CLIENT } = await lazyImport<typeof import("../commands/version/client.ts")>(
    "commands/version/client.ts",
  );
  context.io.stdout.write(`${CLIENT.version}\n`);
}

/**
 * Everything reachable both as `sessions X` and as `X`. Only the top-level `group` has omero-py's
 * group plugin below it (`group list`, `group info`); `sessions group list` switches to a group
 * named `list`, as in omero-py.
 */
function sessionCommands(context: CommandContext, level: "top" | "sessions") {
  return [
    loginCommand(context),
    logoutCommand(context),
    listCommand(context),
    fileCommand(context),
    keyCommand(context),
    whoCommand(context),
    groupCommand(context, level === "top"),
    groupsCommand(context),
    timeoutCommand(context),
    keepaliveCommand(context),
    clearCommand(context),
    openCommand(context),
    closeCommand(context),
    statusCommand(context),
    execCommand(context),
    versionCommand(context),
  ];
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
