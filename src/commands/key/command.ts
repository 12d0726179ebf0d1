// `key`: its options, declared next to its run (key.ts, loaded only when it runs).
import { leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { SESSION_DIR } from "../shared/options.ts";

export function keyCommand(context: CommandContext) {
  return leaf({
    name: "key",
    summary: "Print the key of the current session",
    options: SESSION_DIR,
  }, async (values) => (await import("./key.ts")).run(values, context));
}
