// `completions bash|zsh|fish`: a completion script for the program's whole command tree.
import type { AnyCommand } from "../../cli/argparse.ts";
import { commandTree } from "./command-tree.ts";
import { completionScript, type Shell } from "./scripts.ts";
import type { CommandContext } from "../context.ts";

/** The script covers the tree under `root`. */
export function run(options: { shell: Shell; tree: AnyCommand }, context: CommandContext): void {
  const { shell, tree: root } = options;
  context.io.stdout.write(completionScript(shell, commandTree(root)));
}
