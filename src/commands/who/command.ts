// `who`: its options, declared next to its run (who.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { flag, leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, implicitLogin, TRANSPORT } from "../shared/options.ts";

export function whoCommand(context: CommandContext) {
  return leaf({
    name: "who",
    summary: "List the sessions active on the server",
    options: {
      showUuid: flag("--show-uuid", "Show session keys"),
      json: flag("--json", "Print one JSON document"),
      ...TRANSPORT,
    },
  }, async (values, above: Above) => {
    const who = await lazyImport<typeof import("./who.ts")>("commands/who/who.ts");
    await who.run({ ...values, login: implicitLogin(above, values) }, context);
  });
}
