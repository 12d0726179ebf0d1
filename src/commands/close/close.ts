// `close [SESSION_ID]`: end a server session by its key. As in omero-py, a
// session that cannot be found is reported on stderr and is not an error; the store is untouched.
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import { ServerError, SessionGoneError } from "../../omero/errors.ts";
import { TypeIds } from "../../omero/exception-kinds.ts";
import type { OmeroSession } from "../../omero/session.ts";
import type { CommandContext } from "../context.ts";

export interface CloseOptions {
  sessionId?: string;
}

export function run(
  options: CloseOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    const { sessionId } = options;
    if (sessionId === undefined || !(await exists(session, sessionId))) {
      io.stderr.write("No session with the given ID found.\n");
      return;
    }
    await session.closeSession(sessionId);
    io.stdout.write(`Session ${sessionId} closed.\n`);
  });
}

async function exists(session: OmeroSession, uuid: string): Promise<boolean> {
  try {
    await session.getSession(uuid);
    return true;
  } catch (error) {
    // Gone (RemovedSession, SessionTimeout) or unknown (ApiUsageException); an unreachable
    // server or a refusal is still an error.
    if (error instanceof SessionGoneError) return false;
    if (error instanceof ServerError && error.is(TypeIds.apiUsage)) return false;
    throw error;
  }
}
