// `sessions help`: the extended help with examples, in our words.
import type { CommandContext } from "../context.ts";

export function run(_options: Record<never, never>, context: CommandContext): void {
  const program = context.programName;
  context.io.stdout.write(`Log in once, then reuse the session from any OMERO tool.

  ${program} login                      # asks Server: [localhost:4064], Username:, Password:
  ${program} login alice@omero.example.org
  ${program} login alice@omero.example.org:24064
  ${program} login wss://omero.example.org/omero-ws   # websocket; tcp:// ssl:// ws:// too
  ${program} login -s omero.example.org -u alice -p 24064
  ${program} login -k SESSIONKEY omero.example.org    # join an existing session
  ${program} -k SESSIONKEY sessions login
  ${program} login my.email@example.com@omero.example.org   # the last @ ends the user name
  ${program} login --sudo=root alice@localhost        # asks "Password for root:"
  printf '%s\\n' "$PW" | ${program} login --password-stdin alice@omero.example.org

  ${program} logout                     # close the current session
  ${program} list                       # stored sessions, checked against their servers
  ${program} list --no-purge            # keep sessions the servers say are gone
  ${program} list --offline             # read the store only
  ${program} who                        # sessions on the server
  ${program} group [NAME|ID]            # show or switch the session's group
  ${program} timeout [300] [--session=UUID]   # query or set the idle timeout (seconds)
  ${program} key                        # print the current session key
  ${program} file                       # print the current session file

Sessions are stored in $OMERO_SESSIONDIR, else $OMERO_USERDIR/sessions, else ~/omero/sessions,
in the same format as omero-py, so Python tools pick them up.
`);
}
