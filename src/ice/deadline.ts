// The one timer-and-abort guard of the Ice client: a connect attempt, a call and a close each
// race their work against it.
import { InvocationCanceledError } from "./errors.ts";

/**
 * A promise that rejects after `timeoutMs` (if given) or when `signal` aborts; `cancel()` clears
 * the timer and listener. It never settles otherwise.
 */
export function deadline(
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
  onTimeout: () => Error,
  onAbort: () => Error = () => new InvocationCanceledError("canceled"),
): { promise: Promise<never>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbortEvent: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    if (signal) {
      onAbortEvent = () => reject(onAbort());
      signal.addEventListener("abort", onAbortEvent, { once: true });
    }
  });
  promise.catch(() => {}); // observed by the caller's race; never an unhandled rejection
  return {
    promise,
    cancel() {
      clearTimeout(timer);
      if (onAbortEvent) signal?.removeEventListener("abort", onAbortEvent);
    },
  };
}
