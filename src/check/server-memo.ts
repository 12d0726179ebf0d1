// "A dead server costs one timeout": what one run has learnt about each server. The first
// join to a server goes alone and the others wait for it; once a server could not be reached
// (no connection within the timeout, or refused), every later attempt on it fails at once with
// the same error instead of waiting for a timeout of its own.
import { effectivePort, type ServerTarget } from "../connection-string.ts";
import type { CliError } from "../errors.ts";
import { failedCheck } from "./session-check.ts";

/** One key per server the way a connection sees it (transport, host, port, path). */
export function serverKey(server: ServerTarget): string {
  return `${server.transport}://${server.host}:${effectivePort(server)}${server.path ?? ""}`;
}

export class ServerMemo {
  readonly #unreachable = new Map<string, CliError>();
  /** Settles (either way) once the first attempt on the server has. */
  readonly #firstContact = new Map<string, Promise<void>>();

  /**
   * Runs `attempt` on the server `key`, or throws at once the error that showed the server
   * unreachable earlier in this run.
   */
  async attempt<T>(key: string, attempt: () => Promise<T>): Promise<T> {
    const first = this.#firstContact.get(key);
    if (first) await first;
    const known = this.#unreachable.get(key);
    if (known) throw known;
    const run = attempt().catch((error) => {
      const failure = failedCheck(error);
      if (failure.state === "unreachable" && !this.#unreachable.has(key)) {
        this.#unreachable.set(key, failure.error);
      }
      throw error;
    });
    if (!first) this.#firstContact.set(key, run.then(() => {}, () => {}));
    return await run;
  }
}
