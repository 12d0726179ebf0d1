// `key`: its options, declared next to its run (key.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { SESSION_DIR } from "../shared/options.ts";

export function keyCommand(context: CommandContext) {
  return leaf(
    {
      name: "key",
      summary: "Print the key of the current session",
      options: SESSION_DIR,
    },
    async (values) =>
      (await lazyImport<typeof import("./key.ts")>("commands/key/key.ts")).run(values, context),
  );
}
