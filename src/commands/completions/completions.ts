// `completions bash|zsh|fish`: a completion script for the program's whole command tree.
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { IO } from "../../cli/io.ts";
import { commandTree } from "./command-tree.ts";
import { completionScript, type Shell } from "./scripts.ts";

/** `command` is any command of the tree; the script covers the tree from its root. */
export function run(shell: Shell, command: CommandUnknownOpts, io: IO): void {
  let root = command;
  while (root.parent) root = root.parent as CommandUnknownOpts;
  io.stdout.write(completionScript(shell, commandTree(root)));
}
