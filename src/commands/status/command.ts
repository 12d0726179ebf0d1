// `status`: its options, declared next to its run (status.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { flag, leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, CONNECTION, merge, SESSION_DIR, TRANSPORT } from "../shared/options.ts";

export function statusCommand(context: CommandContext) {
  return leaf({
    name: "status",
    summary: "Is the current (or -k) session alive? Exit 0, 4 or 5",
    options: {
      json: flag("--json", "Print one JSON document"),
      key: CONNECTION.key,
      server: CONNECTION.server,
      port: CONNECTION.port,
      ...TRANSPORT,
      ...SESSION_DIR,
    },
  }, async (values, above: Above) => {
    const status = await lazyImport<typeof import("./status.ts")>("commands/status/status.ts");
    await status.run(merge(above, values), context);
  });
}
