// Every transport connects under the same rules: one deadline for TCP, TLS and WebSocket
// handshakes together, the caller's AbortSignal, and exactly one outcome, after which the
// attempt's listeners are removed and, on failure, whatever it opened is destroyed.
import { deadline } from "./deadline.ts";
import { ConnectTimeoutError, InvocationCanceledError } from "./errors.ts";
import type { ConnectOptions } from "./transport.ts";

export interface Attempt<T> {
  resolve(value: T): void;
  fail(error: Error): void;
}

export interface AttemptTeardown {
  /** Removes the attempt's own listeners (after any outcome). */
  detach(): void;
  /** Destroys what the attempt opened (after a failure, the timeout or an abort). */
  abandon(): void;
}

export function connectWithin<T>(
  description: string,
  options: ConnectOptions,
  start: (attempt: Attempt<T>) => AttemptTeardown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const canceled = () => new InvocationCanceledError(`connecting to ${description} canceled`);
    if (options.signal?.aborted) return reject(canceled());
    // `start` may settle synchronously, before its teardown exists: finish once both are known.
    const state: { outcome?: { error: Error } | { value: T }; teardown?: AttemptTeardown } = {};
    const finish = () => {
      const { outcome, teardown } = state;
      if (!outcome || !teardown) return;
      guard.cancel();
      teardown.detach();
      if ("error" in outcome) {
        teardown.abandon();
        reject(outcome.error);
      } else {
        resolve(outcome.value);
      }
    };
    const settle = (result: { error: Error } | { value: T }) => {
      if (state.outcome) return;
      state.outcome = result;
      finish();
    };
    const fail = (error: Error) => settle({ error });
    const guard = deadline(
      options.timeoutMs,
      options.signal,
      () => new ConnectTimeoutError(`connecting to ${description} timed out`),
      canceled,
    );
    guard.promise.catch(fail);
    state.teardown = start({ resolve: (value) => settle({ value }), fail });
    finish();
  });
}
