// `login`: its options, declared next to its run (login.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf, optionalValue, positional, value } from "../../cli/argparse.ts";
import { ENV_HELP } from "../../cli/help-topics.ts";
import type { CommandContext } from "../context.ts";
import {
  type Above,
  checkOnePasswordSource,
  CONNECTION,
  merge,
  SESSION_DIR,
  sessionSeconds,
  timerSeconds,
} from "../shared/options.ts";

export function loginCommand(context: CommandContext) {
  return leaf({
    name: "login",
    summary: "Log in to a server and store the session key locally",
    epilog: ENV_HELP,
    options: {
      ...CONNECTION,
      timeout: value("-t, --timeout", "SECONDS", "Idle timeout of a new session, in seconds", {
        parse: sessionSeconds(1),
      }),
      retry: optionalValue(
        "--retry",
        "SECONDS",
        "Keep retrying the login for this many seconds",
        timerSeconds(0),
        0,
      ),
      ...SESSION_DIR,
    },
    positionals: {
      connection: positional("[connection]", "[USER@]SERVER[:PORT], or a tcp|ssl|ws|wss URL"),
    },
  }, async (values, above: Above) => {
    const options = merge(above, values);
    checkOnePasswordSource(options);
    const login = await lazyImport<typeof import("./login.ts")>("commands/login/login.ts");
    await login.run({ ...options, retry: options.retry ?? 0 }, context);
  });
}
