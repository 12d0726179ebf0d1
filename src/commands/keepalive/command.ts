// `keepalive`: its options, declared next to its run (keepalive.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf, value } from "../../cli/argparse.ts";
import { duration } from "../../cli/option-parsers.ts";
import type { CommandContext } from "../context.ts";
import {
  type Above,
  implicitLogin,
  SESSION_DIR,
  timerSeconds,
  TRANSPORT,
} from "../shared/options.ts";

export function keepaliveCommand(context: CommandContext) {
  return leaf({
    name: "keepalive",
    summary: "Keep the current session alive",
    options: {
      frequency: value("-f, --frequency", "SECONDS", "Seconds between keep-alive calls (60)", {
        parse: timerSeconds(1),
      }),
      for: value("--for", "DURATION", "Stop after this long (90s, 15m, 2h)", {
        parse: duration,
      }),
      ...TRANSPORT,
      ...SESSION_DIR,
    },
  }, async (values, above: Above) => {
    const keepalive = await lazyImport<typeof import("./keepalive.ts")>(
      "commands/keepalive/keepalive.ts",
    );
    await keepalive.run(
      { ...values, frequency: values.frequency ?? 60, login: implicitLogin(above, values) },
      context,
    );
  });
}
