// `close`: its options, declared next to its run (close.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf, positional } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, implicitLogin, TRANSPORT } from "../shared/options.ts";

export function closeCommand(context: CommandContext) {
  return leaf({
    name: "close",
    summary: "Close the session with the given key",
    options: TRANSPORT,
    positionals: { sessionId: positional("[sessionId]", "The session key") },
  }, async (values, above: Above) => {
    const close = await lazyImport<typeof import("./close.ts")>("commands/close/close.ts");
    await close.run({ ...values, login: implicitLogin(above, values) }, context);
  });
}
