// `timeout [SECONDS] [--session UUID]`: print a session's idle timeout in
// seconds (`600.0`, as omero-py prints it, without its `Error printing text` quirk), or set it
// through UpdateSessionTimeoutRequest.
import { CliError, ContextualError } from "../../errors.ts";
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import { CommandFailedError } from "../../omero/errors.ts";
import type { CommandContext } from "../context.ts";

export interface TimeoutOptions {
  seconds?: number;
  /** Another session than the current one. */
  session?: string;
}

export function run(
  options: TimeoutOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    const uuid = options.session ?? session.uuid;
    const info = await withPrefix(`cannot get session: ${uuid}`, () => session.getSession(uuid));
    if (options.seconds === undefined) {
      io.stdout.write(`${pythonFloat(info.timeToIdle / 1000)}\n`);
      return;
    }
    const milliseconds = options.seconds * 1000;
    const failure = await withPrefix(
      `cannot update timeout for ${uuid}`,
      () => session.setTimeToIdle(milliseconds, uuid),
    );
    if (failure) throw new CommandFailedError(failure);
  });
}

/** Keeps the failure's kind, and says what we were doing. */
async function withPrefix<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new ContextualError(`${what} (${error.message})`, error);
  }
}

/** Python's `str(float)` for the values a timeout can take: `600.0`, `0.5`. */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
