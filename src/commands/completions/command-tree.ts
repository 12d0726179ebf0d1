// The parts of the command tree a completion script needs, as plain data.
import type { AnyCommand, AnyOption } from "../../cli/argparse.ts";

export interface CommandNode {
  name: string;
  /** Every visible flag: `-s`, `--server`, `--no-purge`, plus `-h`/`--help`. */
  flags: string[];
  /** The flags that take a value (the next word is not a command). */
  valueFlags: string[];
  /** Fixed values of the positional arguments (`bash zsh fish`). */
  choices: string[];
  subcommands: CommandNode[];
}

export function commandTree(command: AnyCommand): CommandNode {
  const options = Object.values<AnyOption>(command.options).filter((option) => !option.hidden);
  const positionals = Object.values<{ choices?: readonly string[] }>(command.positionals ?? {});
  return {
    name: command.name,
    flags: [...options.flatMap((option) => option.flags), "-h", "--help"],
    valueFlags: options.filter((option) => option.kind === "value" || option.kind === "optional")
      .flatMap((option) => option.flags),
    choices: positionals.flatMap((spec) => spec.choices ?? []),
    subcommands: command.subcommands.filter((sub) => !sub.hidden).map(commandTree),
  };
}

/** Every node with its path of names below the root, `_` for the root itself. */
export function walkTree(root: CommandNode): { key: string; node: CommandNode }[] {
  const found: { key: string; node: CommandNode }[] = [];
  const visit = (node: CommandNode, key: string) => {
    found.push({ key, node });
    for (const sub of node.subcommands) visit(sub, `${key} ${sub.name}`);
  };
  visit(root, "_");
  return found;
}
