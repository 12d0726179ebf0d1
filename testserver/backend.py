"""OMERO-like backend behind a real glacier2router (omero-sessions test server).

Serves the Glacier2 permissions verifier and session manager and, per Glacier2 session, a
ServiceFactory with IAdmin, ISession, IConfig and command handles, following OMERO's session
semantics (reference counts, close/detach on destroy, idle expiry, sudo and group rules).
Run with /usr/bin/python3 (needs ZeroC Ice); prints "backend ready" once it accepts calls.
"""

import argparse
import json
import os
import signal
import sys
import threading
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

DEFAULT_TIME_TO_IDLE_MS = 600000  # omero.sessions.timeout
MAX_USER_TIME_TO_IDLE_MS = 6000000  # omero.sessions.max_user_time_to_idle
MAX_USER_TIME_TO_LIVE_MS = 0  # omero.sessions.max_user_time_to_live (0 = no limit)
SERVICE_PREFIX = "omero.api."
# OMERO's group permission strings as perm1 values (PermissionsI(...).getPerm1()).
PERM1 = {"rw----": -120, "rwr---": -56, "rwra--": -40, "rwrw--": -8}


def now_ms():
    return int(time.time() * 1000)


def server_error(kind, message):
    """An omero::ServerError subclass filled the way Blitz fills it."""
    return kind(
        serverStackTrace="",
        serverExceptionClass="ome.conditions." + kind.__name__,
        message=message,
    )


# --- fixtures -------------------------------------------------------------------------------


class Directory:
    """Users and groups (the fixtures), read-only after start."""

    def __init__(self, documents):
        self.groups = {}
        self.users = {}
        self.session_data = {}
        for doc in documents:
            self.session_data.update(doc.get("sessionData", {}))
            for g in doc.get("groups", []):
                self.groups[g["id"]] = dict(g)
            for u in doc.get("users", []):
                self.users[u["id"]] = dict(u)
        for u in self.users.values():
            u["groupIds"] = [self.group_by_name(n)["id"] for n in u.get("groups", [])]
            u["ownsIds"] = [self.group_by_name(n)["id"] for n in u.get("owns", [])]
            u.setdefault("admin", False)
            u.setdefault("privileges", [])
            u["defaultGroupId"] = self.group_by_name(u.get("defaultGroup") or u["groups"][0])["id"]

    def group_by_name(self, name):
        return next((g for g in self.groups.values() if g["name"] == name), None)

    def user_by_name(self, name):
        """By login name: the name itself unless a fixture sets "login" (a server may report
        another name than the one typed, as LDAP and case-insensitive logins do)."""
        return next((u for u in self.users.values() if u.get("login", u["name"]) == name), None)

    def members(self, gid):
        return [u for u in self.users.values() if gid in u["groupIds"]]

    def can_use_group(self, user, gid):
        return user["admin"] or gid in user["groupIds"]


# --- model objects --------------------------------------------------------------------------


def permissions(perm_string):
    return omero.model.Permissions(restrictions=[], extendedRestrictions=[], perm1=PERM1[perm_string])


def group_object(group, loaded=True, directory=None):
    """With `directory`, the members are loaded as OMERO's IAdmin group lookups load them: one
    GroupExperimenterMap per member (parent: this group, child: the loaded experimenter)."""
    if not loaded:
        return omero.model.ExperimenterGroup(id=omero.RLong(group["id"]), loaded=False)
    g = omero.model.ExperimenterGroup(
        id=omero.RLong(group["id"]),
        details=omero.model.Details(permissions=permissions(group["permissions"]), call={}),
        loaded=True,
        version=None,
        name=omero.RString(group["name"]),
        ldap=omero.RBool(group.get("ldap", False)),
        groupExperimenterMapSeq=[],
        groupExperimenterMapLoaded=directory is not None,
        config=[],
        annotationLinksSeq=[],
        annotationLinksLoaded=False,
        annotationLinksCountPerOwner={},
        description=None,
    )
    for user in directory.members(group["id"]) if directory else []:
        g.groupExperimenterMapSeq.append(
            omero.model.GroupExperimenterMap(
                id=omero.RLong(group["id"] * 1000 + user["id"]),
                details=omero.model.Details(permissions=permissions("rwr---"), call={}),
                loaded=True,
                parent=g,
                child=experimenter_object(user),
                owner=omero.RBool(group["id"] in user["ownsIds"]),
            )
        )
    return g


def experimenter_object(user, loaded=True):
    if not loaded:
        return omero.model.Experimenter(id=omero.RLong(user["id"]), loaded=False)
    return omero.model.Experimenter(
        id=omero.RLong(user["id"]),
        details=omero.model.Details(permissions=permissions("rwr---"), call={}),
        loaded=True,
        groupExperimenterMapSeq=[],
        groupExperimenterMapLoaded=False,
        omeName=omero.RString(user["name"]),
        firstName=omero.RString(user.get("firstName", user["name"].capitalize())),
        lastName=omero.RString(user.get("lastName", "Test")),
        ldap=omero.RBool(False),
        config=[],
        annotationLinksSeq=[],
        annotationLinksLoaded=False,
        annotationLinksCountPerOwner={},
    )


# --- sessions -------------------------------------------------------------------------------


class SessionState:
    def __init__(self, sid, user, group, agent, tti, ttl, sudoer=None, group_sudo=False):
        self.id = sid
        self.uuid = user.get("sessionUuidPrefix", "") + str(uuidlib.uuid4())
        self.user = user
        self.group = group
        self.agent = agent
        self.time_to_idle = tti
        self.time_to_live = ttl
        self.sudoer = sudoer
        self.group_sudo = group_sudo
        self.started = now_ms()
        self.last_access = self.started
        self.hit_count = 0
        self.closed = None
        self.refcount = 0


class Sessions:
    """All OMERO sessions; expiry is detected lazily on access, as OMERO's cache does."""

    def __init__(self, directory, time_scale):
        self.directory = directory
        self.time_scale = time_scale
        self.by_uuid = {}
        self.next_id = 1
        self.lock = threading.RLock()

    def create(self, user, group, agent, tti=DEFAULT_TIME_TO_IDLE_MS, ttl=0, sudoer=None, group_sudo=False):
        with self.lock:
            s = SessionState(self.next_id, user, group, agent, tti, ttl, sudoer, group_sudo)
            self.next_id += 1
            self.by_uuid[s.uuid] = s
            return s

    def expired(self, s, at):
        idle = s.time_to_idle > 0 and at - s.last_access > s.time_to_idle * self.time_scale
        lived = s.time_to_live > 0 and at - s.started > s.time_to_live * self.time_scale
        return idle or lived

    def live(self, uuid):
        """The session if it is open and not expired (no access recorded), else None."""
        with self.lock:
            s = self.by_uuid.get(uuid)
            if s is None or s.closed is not None:
                return None
            if self.expired(s, now_ms()):
                s.closed = now_ms()
                return None
            return s

    def touch(self, uuid):
        """Records an access; raises OMERO's session exceptions for gone sessions."""
        with self.lock:
            s = self.by_uuid.get(uuid)
            if s is None or s.closed is not None:
                raise server_error(omero.RemovedSessionException, f"Session is closed: {uuid}")
            at = now_ms()
            if self.expired(s, at):
                s.closed = at
                raise server_error(omero.SessionTimeoutException, f"Session has timed out: {uuid}")
            s.last_access = at
            s.hit_count += 1
            return s

    def detach(self, s):
        with self.lock:
            s.refcount -= 1
            return s.refcount

    def close(self, s):
        with self.lock:
            if s.closed is None:
                s.closed = now_ms()

    def open_sessions(self):
        with self.lock:
            return [s for s in list(self.by_uuid.values()) if self.live(s.uuid)]


def event_context(s):
    user, group = s.user, s.group
    return omero.sys.EventContext(
        shareId=-1,
        sessionId=s.id,
        sessionUuid=s.uuid,
        userId=user["id"],
        userName=user["name"],
        sudoerId=omero.RLong(s.sudoer["id"]) if s.sudoer else None,
        sudoerName=omero.RString(s.sudoer["name"]) if s.sudoer else None,
        groupId=group["id"],
        groupName=group["name"],
        isAdmin=user["admin"],
        adminPrivileges=list(user["privileges"]),
        eventId=-1,
        eventType="User",
        memberOfGroups=list(user["groupIds"]),
        leaderOfGroups=list(user["ownsIds"]),
        groupPermissions=permissions(group["permissions"]),
    )


def session_object(s):
    return omero.model.Session(
        id=omero.RLong(s.id),
        details=omero.model.Details(
            owner=experimenter_object(s.user, loaded=False),
            group=group_object(s.group, loaded=False),
            permissions=permissions("rw----"),
            call={},
        ),
        loaded=True,
        node=omero.model.Node(id=omero.RLong(0), loaded=False),
        uuid=omero.RString(s.uuid),
        owner=experimenter_object(s.user),
        sudoer=experimenter_object(s.sudoer, loaded=False) if s.sudoer else None,
        timeToIdle=omero.RLong(s.time_to_idle),
        timeToLive=omero.RLong(s.time_to_live),
        started=omero.RTime(s.started),
        closed=omero.RTime(s.closed) if s.closed else None,
        defaultEventType=omero.RString("User"),
        userAgent=omero.RString(s.agent) if s.agent else None,
        eventsSeq=[],
        eventsLoaded=False,
        annotationLinksSeq=[],
        annotationLinksLoaded=False,
        annotationLinksCountPerOwner={},
    )


# --- Glacier2 side --------------------------------------------------------------------------


class PermissionsVerifierI(Glacier2.PermissionsVerifier):
    def __init__(self, server):
        self.server = server

    def checkPermissions(self, userId, password, current):
        sessions, directory = self.server.sessions, self.server.directory
        if sessions.live(password) or sessions.live(userId):
            if userId == password:
                return (True, "")
            return (False, "username and password must be equal; use joinSession")
        dead = sessions.by_uuid.get(userId)
        if dead is not None:
            data = f"user={dead.user['name']}, created={dead.started}, closed={dead.closed}"
            return (False, f"Password check failed for '{userId}': [{data}]")
        user = directory.user_by_name(userId)
        if user is not None and user.get("password") == password:
            return (True, "")
        data = f"id={user['id']}" if user else ""
        reason = self.server.password_reason or "Password check failed"
        return (False, f"{reason} for '{userId}': [{data}]")


class SessionManagerI(Glacier2.SessionManager):
    def __init__(self, server):
        self.server = server

    def create(self, userId, control, current):
        ctx = current.ctx
        client_uuid = ctx.get("omero.client.uuid")
        if not client_uuid:
            raise omero.WrappedCreateSessionException(
                reason="No omero.client.uuid key provided in context.",
                concurrency=False,
                backOff=-1,
                type="ApiUsageException",
            )
        sessions = self.server.sessions
        s = sessions.live(userId)
        if s is None:
            s = self.new_session(userId, ctx)
        with sessions.lock:
            s.refcount += 1
        factory = ServiceFactoryI(self.server, s, client_uuid)
        proxy = current.adapter.add(factory, factory.identity)
        if control is not None:
            control.categories().add([factory.identity.category, s.uuid])
        return Glacier2.SessionPrx.uncheckedCast(proxy)

    def new_session(self, user_name, ctx):
        directory = self.server.directory
        user = directory.user_by_name(user_name)
        group_name = ctx.get("omero.group", "")
        if group_name in ("", "user"):
            group = directory.groups[user["defaultGroupId"]]
        else:
            group = directory.group_by_name(group_name)
            if group is None:
                raise omero.WrappedCreateSessionException(
                    reason=f"No info in database for group: {group_name}",
                    concurrency=False,
                    backOff=-1,
                    type="ome.conditions.RemovedSessionException",
                )
        return self.server.sessions.create(user, group, ctx.get("omero.agent", ""))


# --- the ServiceFactory and its services ----------------------------------------------------


class ServiceFactoryI(omero.api.ServiceFactory):
    """One per Glacier2 session; identity session-<client uuid>/<session uuid>."""

    def __init__(self, server, session, client_uuid):
        self.server = server
        self.session = session
        self.client_uuid = client_uuid
        self.identity = Ice.Identity(name=session.uuid, category="session-" + client_uuid)
        self.close_on_destroy = True  # OMERO's code default (doClose = true)
        self.services = {}  # service name -> Ice.Identity
        self.handles = set()
        self.lock = threading.Lock()

    # The check every OMERO call passes: live session, and membership of the session's group.
    def context(self):
        s = self.server.sessions.touch(self.session.uuid)
        if not self.server.directory.can_use_group(s.user, s.group["id"]):
            raise server_error(
                omero.SecurityViolation,
                f"User {s.user['id']} is not a member of group {s.group['id']}",
            )
        return s

    def service(self, name, servant_type, cast, current):
        self.context()
        with self.lock:
            identity = self.services.get(name)
            if identity is None:
                identity = Ice.Identity(name=self.client_uuid + SERVICE_PREFIX + name, category=self.session.uuid)
                current.adapter.add(servant_type(self), identity)
                self.services[name] = identity
        return cast.uncheckedCast(current.adapter.createProxy(identity))

    def getAdminService(self, current):
        return self.service("IAdmin", AdminI, omero.api.IAdminPrx, current)

    def getConfigService(self, current):
        return self.service("IConfig", ConfigI, omero.api.IConfigPrx, current)

    def getSessionService(self, current):
        return self.service("ISession", SessionServiceI, omero.api.ISessionPrx, current)

    def getSecurityContexts(self, current):
        s = self.context()
        directory = self.server.directory
        gids = sorted(set(s.user["groupIds"]) | set(s.user["ownsIds"]))
        return [group_object(directory.groups[g]) for g in gids]

    def setSecurityContext(self, obj, current):
        s = self.context()
        directory = self.server.directory
        if not isinstance(obj, omero.model.ExperimenterGroup) or obj.id is None:
            raise server_error(omero.ApiUsageException, "Security context must be managed!")
        if s.group_sudo:
            raise server_error(
                omero.SecurityViolation, "Cannot change security context of a group-sudo session"
            )
        group = directory.groups.get(obj.id.val)
        if group is None:
            raise server_error(omero.ApiUsageException, f"No such group: {obj.id.val}")
        if not directory.can_use_group(s.user, group["id"]):
            raise server_error(
                omero.SecurityViolation, f"User {s.user['id']} is not a member of group {group['id']}"
            )
        previous = s.group
        s.group = group
        return group_object(previous, loaded=False)

    def setSecurityPassword(self, password, current):
        s = self.context()
        if s.user.get("password") != password:
            raise server_error(omero.SecurityViolation, f"Bad password for {s.user['name']}")

    def subscribe(self, topicName, prx, current):
        self.context()

    def setCallback(self, callback, current):
        pass  # OMERO ignores the callback too

    def closeOnDestroy(self, current):
        self.close_on_destroy = True

    def detachOnDestroy(self, current):
        self.close_on_destroy = False

    def activeServices(self, current):
        self.context()
        return [SERVICE_PREFIX + name for name in self.services]

    def keepAllAlive(self, proxies, current):
        self.context()
        if not proxies:
            return -1
        mask = 0
        for i, prx in enumerate(proxies):
            if prx is None or current.adapter.find(prx.ice_getIdentity()) is None:
                mask |= 1 << i
        return mask

    def keepAlive(self, proxy, current):
        self.context()
        return proxy is not None and current.adapter.find(proxy.ice_getIdentity()) is not None

    def submit(self, req, current):
        s = self.context()
        handle = HandleI(self, req, run_request(self.server, s, req))
        identity = Ice.Identity(name="IHandle" + str(uuidlib.uuid4()), category=s.uuid)
        handle.proxy = omero.cmd.HandlePrx.uncheckedCast(current.adapter.add(handle, identity))
        with self.lock:
            self.handles.add(identity)
        return handle.proxy

    def destroy(self, current):
        """Called by Glacier2 when its session ends: detach, and close if asked to."""
        adapter = current.adapter
        with self.lock:
            identities = [self.identity, *self.services.values(), *self.handles]
            self.services.clear()
            self.handles.clear()
        for identity in identities:
            try:
                adapter.remove(identity)
            except Ice.NotRegisteredException:
                pass
        sessions = self.server.sessions
        if sessions.detach(self.session) < 1 and self.close_on_destroy:
            sessions.close(self.session)


class AdminI(omero.api.IAdmin):
    def __init__(self, factory):
        self.factory = factory
        self.directory = factory.server.directory

    def group(self, gid):
        group = self.directory.groups.get(gid)
        if group is None:
            raise server_error(omero.ApiUsageException, f"No such group: {gid}")
        return group

    def user(self, uid):
        user = self.directory.users.get(uid)
        if user is None:
            raise server_error(omero.ApiUsageException, f"No such experimenter: {uid}")
        return user

    def getEventContext(self, current):
        return event_context(self.factory.context())

    def getSecurityRoles(self, current):
        self.factory.context()
        return omero.sys.Roles(0, "root", 0, "system", 1, "user", 1, "guest", 2, "guest")

    def getGroup(self, id, current):
        self.factory.context()
        return group_object(self.group(id), directory=self.directory)

    def lookupGroup(self, name, current):
        self.factory.context()
        group = self.directory.group_by_name(name)
        if group is None:
            raise server_error(omero.ApiUsageException, f"No such group: {name}")
        return group_object(group, directory=self.directory)

    def lookupGroups(self, current):
        self.factory.context()
        return [group_object(g, directory=self.directory) for g in self.directory.groups.values()]

    def containedGroups(self, experimenterId, current):
        self.factory.context()
        return [group_object(self.directory.groups[g]) for g in self.user(experimenterId)["groupIds"]]

    def containedExperimenters(self, groupId, current):
        self.factory.context()
        return [experimenter_object(u) for u in self.directory.members(self.group(groupId)["id"])]

    def getDefaultGroup(self, experimenterId, current):
        self.factory.context()
        return group_object(self.directory.groups[self.user(experimenterId)["defaultGroupId"]])

    def getExperimenter(self, id, current):
        self.factory.context()
        return experimenter_object(self.user(id))

    def lookupExperimenter(self, name, current):
        self.factory.context()
        user = self.directory.user_by_name(name)
        if user is None:
            raise server_error(omero.ApiUsageException, f"No such experimenter: {name}")
        return experimenter_object(user)

    def lookupExperimenters(self, current):
        self.factory.context()
        return [experimenter_object(u) for u in self.directory.users.values()]

    def getMemberOfGroupIds(self, exp, current):
        self.factory.context()
        return list(self.user(exp.id.val)["groupIds"])

    def getLeaderOfGroupIds(self, exp, current):
        self.factory.context()
        return list(self.user(exp.id.val)["ownsIds"])


class ConfigI(omero.api.IConfig):
    def __init__(self, factory):
        self.factory = factory

    def getVersion(self, current):
        self.factory.context()
        return self.factory.server.version

    def getConfigValue(self, key, current):
        self.factory.context()
        if key == "omero.version":
            return self.factory.server.version
        raise server_error(omero.SecurityViolation, f"Cannot read configuration: {key}")


class SessionServiceI(omero.api.ISession):
    def __init__(self, factory):
        self.factory = factory
        self.sessions = factory.server.sessions
        self.directory = factory.server.directory

    def createSession(self, p, credentials, current):
        raise server_error(omero.ApiUsageException, "createSession is not offered by the test server")

    def createUserSession(self, timeToLiveMilliseconds, timeToIdleMilliseconds, defaultGroup, current):
        raise server_error(omero.ApiUsageException, "createUserSession is not offered by the test server")

    def createSessionWithTimeout(self, principal, timeToLiveMilliseconds, current):
        return self.sudo(principal, timeToLiveMilliseconds, 0, current)

    def createSessionWithTimeouts(self, principal, timeToLiveMilliseconds, timeToIdleMilliseconds, current):
        return self.sudo(principal, timeToLiveMilliseconds, timeToIdleMilliseconds, current)

    def sudo(self, principal, ttl, tti, current):
        """Admins with Sudo may sudo anyone; group owners only into groups they own."""
        caller = self.factory.context().user
        target = self.directory.user_by_name(principal.name) if principal else None
        if target is None:
            raise server_error(omero.ApiUsageException, f"No such experimenter: {principal and principal.name}")
        if principal.group:
            group = self.directory.group_by_name(principal.group)
            if group is None:
                raise server_error(omero.ApiUsageException, f"No such group: {principal.group}")
        else:
            group = self.directory.groups[target["defaultGroupId"]]
        full_sudo = caller["admin"] and "Sudo" in caller["privileges"]
        group_sudo = group["id"] in caller["ownsIds"] and group["id"] in target["groupIds"]
        if not (full_sudo or group_sudo):
            raise server_error(
                omero.SecurityViolation,
                f"{caller['name']} cannot create a session for {target['name']} in group {group['name']}",
            )
        agent = current.ctx.get("omero.agent") or "OMERO.sudo"
        s = self.sessions.create(target, group, agent, tti, ttl, sudoer=caller, group_sudo=not full_sudo)
        return session_object(s)

    def target(self, uuid):
        s = self.sessions.by_uuid.get(uuid)
        if s is None:
            raise server_error(omero.RemovedSessionException, f"No session with uuid: {uuid}")
        return s

    def getSession(self, sessionUuid, current):
        self.factory.context()
        return session_object(self.sessions.touch(self.target(sessionUuid).uuid))

    def getReferenceCount(self, sessionUuid, current):
        self.factory.context()
        return self.sessions.touch(self.target(sessionUuid).uuid).refcount

    def closeSession(self, sess, current):
        caller = self.factory.context().user
        uuid = sess.uuid.val if sess is not None and sess.uuid is not None else None
        s = self.sessions.live(uuid) if uuid else None
        if s is None:
            return -1
        if s.user["id"] != caller["id"] and not caller["admin"]:
            raise server_error(omero.SecurityViolation, f"Cannot close session {uuid}")
        if self.sessions.detach(s) < 1:
            self.sessions.close(s)
            return -2
        return s.refcount

    def getMyOpenSessions(self, current):
        me = self.factory.context().user
        return [session_object(s) for s in self.sessions.open_sessions() if s.user["id"] == me["id"]]


# --- commands -------------------------------------------------------------------------------


class Outcome:
    def __init__(self, response, failed, started):
        self.response = response
        self.failed = failed
        self.started = started
        self.stopped = now_ms()


def err(request, name, **parameters):
    return omero.cmd.ERR(category=request.ice_id(), name=name, parameters=parameters)


def run_request(server, s, req):
    started = now_ms()
    if isinstance(req, omero.cmd.UpdateSessionTimeoutRequest):
        response = update_session_timeout(server, s, req)
    elif isinstance(req, omero.cmd.CurrentSessionsRequest):
        response = current_sessions(server, s)
    else:
        response = err(req or omero.cmd.Request(), "unknown-request")
    return Outcome(response, isinstance(response, omero.cmd.ERR), started)


def update_session_timeout(server, caller_session, req):
    """OMERO's UpdateSessionTimeoutRequestI rules: clamp, refuse disabling, report no-ops."""
    caller = caller_session.user
    target = server.sessions.live(req.session)
    if target is None or (target.user["id"] != caller["id"] and not caller["admin"]):
        return err(req, "no-session")
    ttl = req.timeToLive.val if req.timeToLive is not None else None
    tti = req.timeToIdle.val if req.timeToIdle is not None else None
    if not caller["admin"]:
        if MAX_USER_TIME_TO_LIVE_MS and ttl is not None and ttl > MAX_USER_TIME_TO_LIVE_MS:
            ttl = MAX_USER_TIME_TO_LIVE_MS
        if tti is not None and tti > MAX_USER_TIME_TO_IDLE_MS:
            tti = MAX_USER_TIME_TO_IDLE_MS
    changes = {}
    for field, target_value, current_value in (
        ("timeToLive", ttl, target.time_to_live),
        ("timeToIdle", tti, target.time_to_idle),
    ):
        if target_value is None:
            continue
        if not caller["admin"] and target_value != current_value and target_value <= 0:
            return err(
                req, "non-admin-disabling", field=field, target=str(target_value), current=str(current_value)
            )
        changes[field] = target_value
    if not changes:
        return err(req, "no-update-performed", session=req.session)
    with server.sessions.lock:
        target.time_to_live = changes.get("timeToLive", target.time_to_live)
        target.time_to_idle = changes.get("timeToIdle", target.time_to_idle)
    return omero.cmd.OK()


def rtype(spec):
    """An RType from its fixture form: {"int": 1}, {"map": {"k": {...}}}, {"list": [...]},
    {"object": {"group": 3}} (an unloaded ExperimenterGroup), null for a null RType…"""
    if spec is None:
        return None
    (kind, value), = spec.items()
    simple = {"bool": omero.RBool, "int": omero.RInt, "long": omero.RLong, "float": omero.RFloat,
              "double": omero.RDouble, "string": omero.RString, "time": omero.RTime}
    if kind in simple:
        return simple[kind](value)
    if kind == "map":
        return omero.RMap({k: rtype(v) for k, v in value.items()})
    if kind in ("list", "set", "array"):
        return {"list": omero.RList, "set": omero.RSet, "array": omero.RArray}[kind](
            [rtype(v) for v in value])
    if kind == "object":
        return omero.RObject(omero.model.ExperimenterGroup(id=omero.RLong(value["group"]), loaded=False))
    raise ValueError(f"unknown RType kind in sessionData: {kind}")


def session_data(server, s):
    """What OMERO's CurrentSessionsRequest reports per visible session, plus the fixtures'."""
    data = {"hitCount": omero.RInt(s.hit_count), "lastAccessTime": omero.RTime(s.last_access)}
    data.update({k: rtype(v) for k, v in server.directory.session_data.items()})
    return data


def current_sessions(server, caller_session):
    """Admins see every session; others see their own in full and only names for the rest."""
    caller = caller_session.user
    sessions, contexts, data = [], [], []
    for s in server.sessions.open_sessions():
        if caller["admin"] or s.user["id"] == caller["id"]:
            sessions.append(session_object(s))
            contexts.append(event_context(s))
            data.append(session_data(server, s))
        else:
            sessions.append(None)
            contexts.append(
                omero.sys.EventContext(
                    userId=s.user["id"],
                    userName=s.user["name"],
                    groupId=s.group["id"],
                    groupName=s.group["name"],
                    isAdmin=s.user["admin"],
                )
            )
            data.append({})
    return omero.cmd.CurrentSessionsResponse(sessions=sessions, contexts=contexts, data=data)


class HandleI(omero.cmd.Handle):
    """A finished command: OMERO's commands here complete inside submit."""

    def __init__(self, factory, request, outcome):
        self.factory = factory
        self.request = request
        self.outcome = outcome
        self.proxy = None

    def addCallback(self, cb, current):
        if cb is not None:
            cb.begin_finished(self.outcome.response, self.getStatus(current))

    def removeCallback(self, cb, current):
        pass

    def getRequest(self, current):
        return self.request

    def getResponse(self, current):
        return self.outcome.response

    def getStatus(self, current):
        o = self.outcome
        return omero.cmd.Status(
            source=self.proxy,
            category="",
            name="",
            flags=[omero.cmd.State.FAILURE] if o.failed else [],
            parameters={},
            currentStep=1,
            steps=1,
            startTime=o.started,
            stepStartTimes=[o.started],
            stepStopTimes=[o.stopped],
            stopTime=o.stopped,
        )

    def cancel(self, current):
        return False

    def close(self, current):
        with self.factory.lock:
            self.factory.handles.discard(current.id)
        try:
            current.adapter.remove(current.id)
        except Ice.NotRegisteredException:
            pass


# --- process --------------------------------------------------------------------------------


class Server:
    def __init__(self, directory, time_scale, version, documents):
        self.directory = directory
        self.sessions = Sessions(directory, time_scale)
        self.version = version
        # Hostile fixtures (testserver/hostile.json): a reason text and sessions open from start.
        self.password_reason = next((d["passwordReason"] for d in documents if "passwordReason" in d), None)
        for doc in documents:
            for spec in doc.get("sessions", []):
                user = directory.user_by_name(spec["user"])
                self.sessions.create(user, directory.groups[user["defaultGroupId"]], spec.get("agent", ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--version", default="5.6.10")
    parser.add_argument("--fixtures", action="append", default=[])
    parser.add_argument("--hostile", action="store_true", help="add testserver/hostile.json")
    args = parser.parse_args()

    documents = [json.load(open(os.path.join(omero_slice.HERE, "fixtures.json")))]
    if args.hostile:
        documents.append(json.load(open(os.path.join(omero_slice.HERE, "hostile.json"))))
    documents += [json.load(open(path)) for path in args.fixtures]
    server = Server(Directory(documents), args.time_scale, args.version, documents)

    props = Ice.createProperties()
    props.setProperty("Ice.ThreadPool.Server.SizeMax", "8")
    props.setProperty("Ice.MessageSizeMax", "65536")
    props.setProperty("Ice.Warn.Connections", "0")
    init = Ice.InitializationData()
    init.properties = props
    with Ice.initialize(init) as communicator:
        adapter = communicator.createObjectAdapterWithEndpoints("Blitz", f"tcp -h 127.0.0.1 -p {args.port}")
        adapter.add(PermissionsVerifierI(server), Ice.stringToIdentity("BlitzVerifier"))
        adapter.add(SessionManagerI(server), Ice.stringToIdentity("BlitzManager"))
        adapter.activate()
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        print("backend ready", flush=True)
        # Python runs signal handlers only between bytecodes, so wait here rather than in Ice.
        while not stop.wait(0.5):
            pass


if __name__ == "__main__":
    sys.exit(main())
