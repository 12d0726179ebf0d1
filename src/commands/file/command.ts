// `file`: its options, declared next to its run (file.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { SESSION_DIR } from "../shared/options.ts";

export function fileCommand(context: CommandContext) {
  return leaf(
    {
      name: "file",
      summary: "Print the path of the current session file",
      options: SESSION_DIR,
    },
    async (values) =>
      (await lazyImport<typeof import("./file.ts")>("commands/file/file.ts")).run(values, context),
  );
}
