// `keepalive [-f SECS] [--for DURATION]`: `keepAlive(null)` every SECS
// seconds. On a terminal Enter stops it, as in omero-py; otherwise SIGINT or SIGTERM (a normal
// stop: exit 0) or `--for`. A failed keep-alive ends the command with its error.
import { CliError, ContextualError } from "../../errors.ts";
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import { sleepUnless, stopSignal } from "./stop-signal.ts";
import type { CommandContext } from "../context.ts";

export interface KeepaliveOptions {
  frequency: number;
  /** Seconds. */
  for?: number;
}

export function run(
  options: KeepaliveOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    const stop = stopSignal({
      signals: terminationSignals(io.platform),
      afterSeconds: options.for,
      lines: io.isTerminal.stdin ? io.stdin : undefined,
    });
    try {
      session.startHeartbeat();
      const unit = options.frequency === 1 ? "second" : "seconds";
      io.stderr.write(`Running keep alive every ${options.frequency} ${unit}\n`);
      if (io.isTerminal.stdin) io.stderr.write("Press enter to cancel.");
      let running = true;
      stop.stopped.then(() => running = false);
      while (running) {
        try {
          await session.keepAlive();
        } catch (error) {
          if (!(error instanceof CliError)) throw error;
          throw new ContextualError(`Keep alive failed: ${error.message}`, error);
        }
        await sleepUnless(options.frequency * 1000, stop.stopped);
      }
    } finally {
      stop.dispose();
    }
  });
}

/** SIGTERM cannot be listened to on Windows. */
function terminationSignals(platform: string): Deno.Signal[] {
  return platform === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
}
