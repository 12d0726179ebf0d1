// `list`: its options, declared next to its run (list.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { flag, leaf, negated } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, merge, SESSION_DIR, TRANSPORT } from "../shared/options.ts";

export function listCommand(context: CommandContext) {
  return leaf({
    name: "list",
    summary: "List the sessions stored locally",
    options: {
      purge: negated("--no-purge", "Do not remove sessions the servers say are gone"),
      offline: flag("--offline", "Only read the store; do not contact servers"),
      json: flag("--json", "Print one JSON document"),
      ...TRANSPORT,
      ...SESSION_DIR,
    },
  }, async (values, above: Above) => {
    const list = await lazyImport<typeof import("./list.ts")>("commands/list/list.ts");
    await list.run(merge(above, values), context);
  });
}
