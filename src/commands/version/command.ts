// `version`: its options, declared next to its run (version.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { flag, leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, merge, SESSION_DIR, TRANSPORT } from "../shared/options.ts";

export function versionCommand(context: CommandContext) {
  return leaf({
    name: "version",
    summary: "Print the client version, and the server's when logged in",
    options: { json: flag("--json", "Print one JSON document"), ...TRANSPORT, ...SESSION_DIR },
  }, async (values, above: Above) => {
    const version = await lazyImport<typeof import("./version.ts")>("commands/version/version.ts");
    await version.run(merge(above, values), context);
  });
}
