// `completions bash|zsh|fish`: a completion script for the program's whole command tree.
import type { AnyCommand } from "../../cli/argparse.ts";
import type { IO } from "../../cli/io.ts";
import { commandTree } from "./command-tree.ts";
import { completionScript, type Shell } from "./scripts.ts";

/** The script covers the tree under `root`. */
export function run(shell: Shell, root: AnyCommand, io: IO): void {
  io.stdout.write(completionScript(shell, commandTree(root)));
}
