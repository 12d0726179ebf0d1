// `help env`, `help sudo`, `help --all` and `help COMMAND…`: the topics omero-py's `help` has,
// in our words, and the help of any command of the tree.
import { type AnyCommand, ArgumentError, helpText } from "./argparse.ts";

/** Every environment variable we read; also printed under the options of `login --help`. */
export const ENV_HELP = `Environment variables:

  OMERO_USERDIR          Base directory of the user's OMERO files (sessions, known_hosts).
                         Default: $HOME/omero
  OMERO_SESSIONDIR       Directory of the local sessions. Default: $OMERO_USERDIR/sessions
  OMERO_SESSION_DIR      Deprecated: a directory with omero/sessions below it.
  OMERO_PASSWORD         The password for creating new sessions. Ignored if -w, --password,
                         --password-stdin or --password-file is given.
  OMERO_CONNECT_TIMEOUT  Seconds to wait for a server to accept a connection. Default: 5
  HOME                   The home directory, when OMERO_USERDIR and OMERO_SESSIONDIR are unset.
`;

function sudoHelp(name: string): string {
  return `--sudo ADMINUSER creates the session as another user, authenticated with the password of
ADMINUSER (an administrator, or the owner of the group). It is accepted wherever the login
options are.

  ${name} login --sudo root -s SERVER -u USER -g GROUP
  Password for root:
  ${name} login --sudo owner -s SERVER -u USER -g GROUP
  Password for owner:
`;
}

/** `topic` is empty (the program's help), `env`, `sudo`, or the words naming a command. */
export function helpTopic(root: AnyCommand, name: string, topic: string[], all: boolean): string {
  if (all) return everyCommand(root, name);
  if (topic.length === 1 && topic[0] === "env") return ENV_HELP;
  if (topic.length === 1 && topic[0] === "sudo") return sudoHelp(name);
  let command = root;
  let path = name;
  for (const word of topic) {
    const sub = command.subcommands.find((candidate) => candidate.name === word);
    if (!sub) {
      const shown = /^[\w-]{1,40}$/u.test(word) ? ` "${word}"` : "";
      throw new ArgumentError(`${name} help: no such command or topic${shown} (try --all)`);
    }
    command = sub;
    path = `${path} ${sub.name}`;
  }
  return helpText(command, path);
}

function everyCommand(root: AnyCommand, name: string): string {
  const rows: [string, string][] = [];
  const visit = (command: AnyCommand, path: string) => {
    for (const sub of command.subcommands) {
      if (sub.hidden) continue;
      const subPath = path ? `${path} ${sub.name}` : sub.name;
      if (sub.subcommands.length === 0) rows.push([subPath, sub.summary]);
      visit(sub, subPath);
    }
  };
  visit(root, "");
  const width = Math.max(...rows.map(([path]) => path.length)) + 2;
  const lines = rows.map(([path, summary]) => `  ${path.padEnd(width)}${summary}`);
  return `Commands of ${name} (help COMMAND for one, help env and help sudo for topics):\n\n${
    lines.join("\n")
  }\n`;
}
