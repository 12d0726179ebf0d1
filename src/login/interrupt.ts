// Ctrl-C (SIGINT, and SIGTERM where it exists) while a login holds a session the server created
// but that is not stored yet. Without a listener the process would die there and leave that
// session alive on the server; with one, the login aborts, ends the session (bounded by the
// connect timeout) and fails with InterruptedError (exit 130).
import { InterruptedError } from "../errors.ts";

export interface InterruptWatch extends Disposable {
  /** Aborts, with an InterruptedError as its reason, at the first signal. */
  readonly signal: AbortSignal;
}

export function watchInterrupts(): InterruptWatch {
  const controller = new AbortController();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  const onSignal = () => controller.abort(new InterruptedError());
  for (const name of signals) Deno.addSignalListener(name, onSignal);
  return {
    signal: controller.signal,
    [Symbol.dispose]() {
      for (const name of signals) Deno.removeSignalListener(name, onSignal);
    },
  };
}
