// `groups`: its options, declared next to its run (groups.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { flag, leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, implicitLogin, TRANSPORT } from "../shared/options.ts";

export function groupsCommand(context: CommandContext) {
  return leaf({
    name: "groups",
    summary: "List the groups of the current user",
    options: { json: flag("--json", "Print one JSON document"), ...TRANSPORT },
  }, async (values, above: Above) => {
    const groups = await lazyImport<typeof import("./groups.ts")>("commands/group/groups.ts");
    await groups.run({ ...values, login: implicitLogin(above, values) }, context);
  });
}
