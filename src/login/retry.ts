// `--retry SECS`: while the server cannot be reached for a reason that
// may pass (refused, connect timeout, temporary DNS failure, the server shutting down), try again
// every 3 s until SECS have passed, saying so on stderr. Unlike omero-py we do not retry a wrong
// password (that would only lock the account faster), nor a peer that is not an Ice server or a
// TLS or certificate failure: those do not go away by waiting.
import { UnreachableError } from "../omero/errors.ts";

const RETRY_PAUSE_MS = 3000;

export async function withRetry<T>(
  retrySeconds: number | undefined,
  say: (line: string) => void,
  attempt: () => Promise<T>,
  /** Ends the wait between two attempts (Ctrl-C), with the signal's reason. */
  signal?: AbortSignal,
): Promise<T> {
  const started = performance.now();
  for (let tries = 1;; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const elapsed = (performance.now() - started) / 1000;
      if (!retrySeconds || !isTransient(error) || elapsed > retrySeconds) throw error;
      say(`${timeOfDay(new Date())}: Login retry #${tries} in ${RETRY_PAUSE_MS / 1000}s`);
      await pause(RETRY_PAUSE_MS, signal);
    }
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof UnreachableError && error.transient;
}

function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `HH:MM:SS.ffffff` local time, as Python's `datetime.time` prints it. */
function timeOfDay(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const micros = date.getMilliseconds() * 1000;
  const fraction = micros ? `.${String(micros).padStart(6, "0")}` : "";
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}${fraction}`;
}
