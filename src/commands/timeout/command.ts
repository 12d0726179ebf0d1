// `timeout`: its options, declared next to its run (timeout.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf, positional, value } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, implicitLogin, sessionSeconds, TRANSPORT } from "../shared/options.ts";

export function timeoutCommand(context: CommandContext) {
  return leaf({
    name: "timeout",
    summary: "Query or set the idle timeout of a session",
    options: {
      session: value("--session", "UUID", "Session other than the current one"),
      ...TRANSPORT,
    },
    positionals: {
      seconds: positional("[seconds]", "New idle timeout in seconds", {
        parse: sessionSeconds(0),
      }),
    },
  }, async (values, above: Above) => {
    const timeout = await lazyImport<typeof import("./timeout.ts")>("commands/timeout/timeout.ts");
    await timeout.run({ ...values, login: implicitLogin(above, values) }, context);
  });
}
