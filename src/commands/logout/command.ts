// `logout`: its options, declared next to its run (logout.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, merge, SESSION_DIR, TRANSPORT } from "../shared/options.ts";

export function logoutCommand(context: CommandContext) {
  return leaf({
    name: "logout",
    summary: "Close the current session and remove its key",
    options: { ...TRANSPORT, ...SESSION_DIR },
  }, async (values, above: Above) => {
    const logout = await lazyImport<typeof import("./logout.ts")>("commands/logout/logout.ts");
    await logout.run(merge(above, values), context);
  });
}
