// The parts of the commander tree a completion script needs, as plain data.
import type { CommandUnknownOpts } from "@commander-js/extra-typings";

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

export function commandTree(command: CommandUnknownOpts): CommandNode {
  const options = command.options.filter((option) => !option.hidden);
  const flagsOf = (option: (typeof options)[number]) =>
    [option.short, option.long].filter((flag): flag is string => flag !== undefined);
  return {
    name: command.name(),
    flags: [...options.flatMap(flagsOf), "-h", "--help"],
    valueFlags: options.filter((option) => option.required || option.optional).flatMap(flagsOf),
    choices: command.registeredArguments.flatMap((argument) => argument.argChoices ?? []),
    subcommands: command.commands.map((sub) => commandTree(sub as CommandUnknownOpts)),
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
