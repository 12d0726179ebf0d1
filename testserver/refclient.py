"""Reference OMERO session client on ZeroC Ice, doing omero-py's call sequences.

Usage: /usr/bin/python3 refclient.py [--host H] --port P [--transport tcp|ssl|ws|wss] [--cert PEM]
                                     [--encoding 1.0|1.1] [--repeat N]
                                     COMMAND ARGS... [, COMMAND ARGS...]...
Commands (one JSON line on stdout each, {"cmd": ..., "ok": true|false, ...}):
  login USER PASSWORD [-g GROUP] [-t SECS]   create a session, keep it (detachOnDestroy)
  join KEY [-g GROUP]                         join a session
  sudo ADMIN PASSWORD USER [-g GROUP]         admin creates a session for USER, then joins it
  group KEY GROUP                             switch group (name or id)
  timeout KEY [SECS]                          read (or set) the idle timeout
  who KEY                                     CurrentSessionsRequest
  keepalive KEY                               ServiceFactory.keepAlive(null)
  refcount KEY                                ISession.getReferenceCount
  logout KEY                                  closeSession until <= 0, then destroySession
  version KEY                                 IConfig.getVersion
Each command uses a fresh communicator and connection, as omero-py does.
--repeat N runs each command N times in this one process (benchmarks: no interpreter start) and
adds "ms", the command's wall time in milliseconds, to each of its N lines.
"""

import json
import sys
import time
import uuid as uuidlib

import Ice

import omero_slice  # noqa: E402,F401  (loads the Slice; must precede the imports below)
import Glacier2  # noqa: E402
import omero  # noqa: E402
import omero.api  # noqa: E402
import omero.cmd  # noqa: E402
import omero.model  # noqa: E402
import omero.sys  # noqa: E402

AGENT = "OMERO.sessions"


class Connection:
    """One communicator + Glacier2 session, configured like omero-py's BaseClient."""

    def __init__(self, options, group=None):
        props = Ice.createProperties()
        for key, value in {
            "Ice.ImplicitContext": "Shared",
            "Ice.ACM.Client.Timeout": "60000",
            "Ice.ACM.Client.Heartbeat": "2",
            "Ice.RetryIntervals": "-1",
            "Ice.Default.EndpointSelection": "Ordered",
            "Ice.Default.PreferSecure": "1",
            "Ice.MessageSizeMax": "250000",
            "Ice.Override.ConnectTimeout": "5000",
            "Ice.Plugin.IceSSL": "IceSSL:createIceSSL",
            "IceSSL.VerifyPeer": "0",
            "Ice.Default.Router": (
                f"OMERO.Glacier2/router:{options['transport']} -p {options['port']} -h {options['host']}"
            ),
        }.items():
            props.setProperty(key, value)
        if options.get("encoding"):
            props.setProperty("Ice.Default.EncodingVersion", options["encoding"])
        if options.get("cert"):
            props.setProperty("IceSSL.CAs", options["cert"])
            props.setProperty("IceSSL.VerifyPeer", "1")
            props.setProperty("IceSSL.CheckCertName", "0")
        init = Ice.InitializationData()
        init.properties = props
        self.communicator = Ice.initialize(init)
        ctx = self.communicator.getImplicitContext()
        ctx.put("omero.client.uuid", str(uuidlib.uuid4()))
        if group:
            ctx.put("omero.group", group)
        self.router = Glacier2.RouterPrx.checkedCast(self.communicator.getDefaultRouter())
        self.factory = None

    def create_session(self, user, password):
        # Like omero-py: the explicit context is the implicit one plus the agent.
        ctx = self.communicator.getImplicitContext().getContext()
        ctx["omero.agent"] = AGENT
        session = self.router.createSession(user, password, ctx)
        self.factory = omero.api.ServiceFactoryPrx.uncheckedCast(session)
        self.uuid = session.ice_getIdentity().name
        self.communicator.getImplicitContext().put("omero.session.uuid", self.uuid)

    def admin(self):
        return self.factory.getAdminService()

    def session_service(self):
        return self.factory.getSessionService()

    def close(self):
        """omero-py's client.closeSession(): destroySession, then drop the communicator."""
        try:
            self.router.destroySession()
        except (Glacier2.SessionNotExistException, Ice.ConnectionLostException):
            pass
        finally:
            self.communicator.destroy()


def submit_and_wait(factory, request):
    """omero-py's CmdCallbackI loop without the callback: poll, read status, close."""
    handle = factory.submit(request)
    for _ in range(10):
        response = handle.getResponse()
        if response is not None:
            status = handle.getStatus()
            handle.close()
            return response, status
        time.sleep(0.5)
    raise omero.LockTimeout(message="command did not finish", backOff=5000, seconds=5)


def describe_session(conn, event_context):
    s = conn.session_service().getSession(conn.uuid)
    return {
        "session": conn.uuid,
        "user": event_context.userName,
        "userId": event_context.userId,
        "group": event_context.groupName,
        "groupId": event_context.groupId,
        "isAdmin": event_context.isAdmin,
        "sudoer": event_context.sudoerName.val if event_context.sudoerName else None,
        "timeToIdle": s.timeToIdle.val,
        "timeToLive": s.timeToLive.val,
        "agent": s.userAgent.val if s.userAgent else None,
    }


def open_session(options, user, password, group=None, timeout_secs=None):
    """Sequences (a)/(b): createSession, getEventContext, detachOnDestroy, getSession, timeout."""
    conn = Connection(options, group)
    try:
        conn.create_session(user, password)
        event_context = conn.admin().getEventContext()
        conn.factory.detachOnDestroy()
        result = describe_session(conn, event_context)
        if timeout_secs is not None and timeout_secs * 1000 != result["timeToIdle"]:
            request = omero.cmd.UpdateSessionTimeoutRequest(
                session=conn.uuid, timeToLive=None, timeToIdle=omero.RLong(int(timeout_secs * 1000))
            )
            response, _ = submit_and_wait(conn.factory, request)
            if isinstance(response, omero.cmd.ERR):
                result["timeoutError"] = response.name
            result["timeToIdle"] = conn.session_service().getSession(conn.uuid).timeToIdle.val
        return conn, result
    except Exception:
        conn.close()
        raise


def joined(options, key, body):
    """Runs body(conn) on a joined session and leaves it detached."""
    conn, _ = open_session(options, key, key)
    try:
        return body(conn)
    finally:
        conn.close()


def cmd_login(options, args, flags):
    conn, result = open_session(options, args[0], args[1], flags.get("-g"), flags.get("-t"))
    conn.close()
    return result


def cmd_join(options, args, flags):
    conn, result = open_session(options, args[0], args[0], flags.get("-g"))
    conn.close()
    return result


def cmd_sudo(options, args, flags):
    """Sequence (c): admin login, createSessionWithTimeouts, close the admin session, join."""
    admin_name, admin_password, user = args
    conn = Connection(options)
    try:
        conn.create_session(admin_name, admin_password)
        sessions = conn.session_service()
        time_to_idle = sessions.getSession(conn.uuid).timeToIdle.val
        principal = omero.sys.Principal(name=user, group=flags.get("-g") or "", eventType="User", umask=None)
        created = sessions.createSessionWithTimeouts(principal, 0, time_to_idle)
    finally:
        conn.close()
    conn, result = open_session(options, created.uuid.val, created.uuid.val)
    conn.close()
    return result


def cmd_group(options, args, flags):
    """Sequence (d): look the group up, setSecurityContext(unloaded group), getEventContext."""
    key, wanted = args

    def body(conn):
        admin = conn.admin()
        before = admin.getEventContext()
        if wanted.lstrip("-").isdigit():
            gid, name = int(wanted), admin.getGroup(int(wanted)).name.val
        else:
            gid, name = admin.lookupGroup(wanted).id.val, wanted
        if gid == before.groupId:
            return {"group": name, "groupId": gid, "changed": False}
        previous = conn.factory.setSecurityContext(omero.model.ExperimenterGroup(id=omero.RLong(gid), loaded=False))
        after = admin.getEventContext()
        return {"group": after.groupName, "groupId": after.groupId, "previousGroupId": previous.id.val, "changed": True}

    return joined(options, key, body)


def cmd_timeout(options, args, flags):
    """Sequences (g)/(h): getSession, or UpdateSessionTimeoutRequest then getSession."""
    key = args[0]

    def body(conn):
        result = {}
        if len(args) > 1:
            request = omero.cmd.UpdateSessionTimeoutRequest(
                session=key, timeToLive=None, timeToIdle=omero.RLong(int(float(args[1]) * 1000))
            )
            response, status = submit_and_wait(conn.factory, request)
            if isinstance(response, omero.cmd.ERR):
                result.update(error=response.name, category=response.category, parameters=dict(response.parameters))
            result["response"] = response.ice_id()
            result["flags"] = [str(flag) for flag in status.flags]
        result["timeToIdle"] = conn.session_service().getSession(key).timeToIdle.val
        return result

    return joined(options, key, body)


def cmd_who(options, args, flags):
    """Sequence (i): CurrentSessionsRequest through submit."""

    def body(conn):
        response, _ = submit_and_wait(conn.factory, omero.cmd.CurrentSessionsRequest())
        rows = []
        for s, ec in zip(response.sessions, response.contexts):
            rows.append(
                {
                    "user": ec.userName,
                    "group": ec.groupName,
                    "uuid": s.uuid.val if s else None,
                    "agent": s.userAgent.val if s and s.userAgent else None,
                    "timeToIdle": s.timeToIdle.val if s else None,
                    "started": s.started.val if s else None,
                    "current": ec.sessionUuid == conn.uuid,
                }
            )
        return {"sessions": rows}

    return joined(options, args[0], body)


def cmd_keepalive(options, args, flags):
    return joined(options, args[0], lambda conn: {"result": conn.factory.keepAlive(None)})


def cmd_refcount(options, args, flags):
    return joined(options, args[0], lambda conn: {"count": conn.session_service().getReferenceCount(args[0])})


def cmd_version(options, args, flags):
    return joined(options, args[0], lambda conn: {"version": conn.factory.getConfigService().getVersion()})


def cmd_logout(options, args, flags):
    """Sequence (e): join, closeSession until <= 0 (or removed), destroySession."""
    key = args[0]
    conn, _ = open_session(options, key, key)
    counts = []
    try:
        sessions = conn.session_service()
        while True:
            try:
                count = sessions.closeSession(omero.model.Session(uuid=omero.RString(key), loaded=True))
            except omero.RemovedSessionException:
                break
            counts.append(count)
            if count <= 0:
                break
    finally:
        conn.close()
    return {"closeResults": counts}


COMMANDS = {
    "login": cmd_login,
    "join": cmd_join,
    "sudo": cmd_sudo,
    "group": cmd_group,
    "timeout": cmd_timeout,
    "who": cmd_who,
    "keepalive": cmd_keepalive,
    "refcount": cmd_refcount,
    "version": cmd_version,
    "logout": cmd_logout,
}


def error_fields(error):
    fields = {"error": error.ice_id() if hasattr(error, "ice_id") else type(error).__name__}
    for name in ("reason", "message", "serverExceptionClass"):
        value = getattr(error, name, None)
        if value:
            fields[name] = value
    return fields


def run(options, words, timed=False):
    name, rest = words[0], words[1:]
    args, flags = [], {}
    while rest:
        word = rest.pop(0)
        if word in ("-g", "-t"):
            flags[word] = rest.pop(0) if word == "-g" else float(rest.pop(0))
        else:
            args.append(word)
    start = time.perf_counter()
    try:
        result = {"cmd": name, "ok": True, **COMMANDS[name](options, args, flags)}
    except (Ice.Exception, KeyError, ValueError, IndexError) as error:
        result = {"cmd": name, "ok": False, **error_fields(error)}
    if timed:
        result["ms"] = (time.perf_counter() - start) * 1000
    print(json.dumps(result), flush=True)
    return result["ok"]


def main(argv):
    options = {"host": "127.0.0.1", "transport": "tcp", "port": None, "cert": None, "encoding": None, "repeat": None}
    while argv and argv[0].startswith("--"):
        options[argv[0][2:]] = argv[1]
        argv = argv[2:]
    if not options["port"] or not argv:
        print(__doc__, file=sys.stderr)
        return 2
    commands, current = [], []
    for word in argv:
        if word == ",":
            commands.append(current)
            current = []
        else:
            current.append(word)
    commands.append(current)
    repeat = int(options["repeat"] or 1)
    timed = options["repeat"] is not None
    results = [run(options, words, timed) for words in commands if words for _ in range(repeat)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
