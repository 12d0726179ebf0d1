// `clear`: its options, declared next to its run (clear.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { flag, leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, merge, SESSION_DIR, TRANSPORT } from "../shared/options.ts";

export function clearCommand(context: CommandContext) {
  return leaf({
    name: "clear",
    summary: "Close and remove all locally stored sessions",
    options: {
      all: flag("--all", "Accepted for compatibility; clear always removes all"),
      ...TRANSPORT,
      ...SESSION_DIR,
    },
  }, async (values, above: Above) => {
    const clear = await lazyImport<typeof import("./clear.ts")>("commands/clear/clear.ts");
    await clear.run(merge(above, values), context);
  });
}
