// Ice failures become the kinds of src/omero/errors.ts with OMERO's advice; exit codes are chosen
// from those kinds (and the CLI's own) in one place, and a prefixed failure keeps its kind.
import assert from "node:assert/strict";
import { ArgumentError } from "../../src/cli/argparse.ts";
import { ExitCode, exitCodeFor } from "../../src/cli/exit-code.ts";
import {
  AuthError,
  CliError,
  ContextualError,
  InterruptedError,
  NoSessionError,
  NoTerminalError,
  PermissionError,
  UsageError,
} from "../../src/errors.ts";
import * as ice from "../../src/ice/errors.ts";
import {
  AuthenticationRefusedError,
  NotAnIceServerError,
  PermissionDeniedError,
  ServerError,
  SessionGoneError,
  TlsFailedError,
  UnreachableError,
} from "../../src/omero/errors.ts";
import {
  CertificateRefusedError,
  KnownHostsFileError,
  TrustSourceError,
} from "../../src/trust/errors.ts";
import { omeroFailure } from "../../src/omero/failures.ts";
import { CorruptFileError } from "../../src/store/store-errors.ts";

Deno.test("TLS handshake failures: OMERO's old IceSSL defaults get the way out, others do not", () => {
  for (const reason of ["legacy-only", "dropped"] as const) {
    const error = omeroFailure(new ice.TlsHandshakeError("handshake failed", reason, "h.x"), "t");
    assert.ok(error instanceof TlsFailedError);
    assert.equal(error.transient, false);
    assert.match(error.message, /^handshake failed\. OMERO's former IceSSL defaults/u);
    assert.match(error.message, /tcp:\/\/h\.x or a wss:\/\/ URL/u);
  }
  for (const reason of ["not-tls", "other"] as const) {
    const error = omeroFailure(new ice.TlsHandshakeError("handshake failed", reason, "h.x"), "t");
    assert.ok(error instanceof TlsFailedError);
    assert.equal((error as Error).message, "handshake failed");
  }
});

Deno.test("only failures that may pass by themselves are transient", () => {
  const transient = [
    new ice.ConnectionRefusedError("refused"),
    new ice.ConnectTimeoutError("timed out"),
    new ice.DnsError("EAI_AGAIN", true),
    new ice.CloseConnectionError("server shutting down"),
    new ice.ConnectionLostError("reset"),
  ];
  const lasting = [
    new ice.DnsError("ENOTFOUND", false),
    new ice.NoValidationError("sent no Ice ValidateConnection"),
    new ice.ProtocolError("bad magic"),
    new ice.WebSocketError("upgrade refused"),
    new ice.TlsHandshakeError("handshake failed", "other", "h"),
  ];
  for (const error of transient) {
    const kind = omeroFailure(error, "t");
    assert.ok(kind instanceof UnreachableError && kind.transient, error.message);
  }
  for (const error of lasting) {
    const kind = omeroFailure(error, "t");
    assert.ok(kind instanceof UnreachableError && !kind.transient, error.message);
  }
  assert.ok(omeroFailure(new ice.ProtocolError("x"), "t") instanceof NotAnIceServerError);
});

Deno.test("server exceptions keep their type id; other errors pass through unchanged", () => {
  const usage = new ice.UserException(
    "::omero::ApiUsageException",
    "::omero::ApiUsageException",
    { message: "No such group: x" },
  );
  const error = omeroFailure(usage, "t");
  assert.ok(error instanceof ServerError);
  assert.equal(error.typeId, "::omero::ApiUsageException");
  assert.ok(error.is("::omero::ServerError"));
  assert.equal(error.message, "ApiUsageException: No such group: x");
  const bug = new TypeError("x is undefined");
  assert.equal(omeroFailure(bug, "t"), bug);
});

Deno.test("exit codes come from the kinds, in one table", () => {
  const cases: [Error, number][] = [
    [new UsageError("u"), ExitCode.usage],
    [new ArgumentError("login: -p: expected a port"), ExitCode.usage],
    [new AuthError("a"), ExitCode.auth],
    [new AuthenticationRefusedError("a"), ExitCode.auth],
    [new NoSessionError("n"), ExitCode.noSession],
    [new SessionGoneError("g"), ExitCode.noSession],
    [new UnreachableError("r", true), ExitCode.unreachable],
    [new NotAnIceServerError("h"), ExitCode.unreachable],
    [new TlsFailedError("t"), ExitCode.unreachable],
    ...(["pin-mismatch", "downgrade", "name-mismatch", "untrusted"] as const).map((
      reason,
    ): [Error, number] => [
      new CertificateRefusedError("c", reason, "h:1", "B"),
      ExitCode.certificate,
    ]),
    [new KnownHostsFileError("/k", new Error("Is a directory")), ExitCode.other],
    [new TrustSourceError("cannot read SSL_CERT_FILE file /x"), ExitCode.usage],
    [new PermissionError("p"), ExitCode.permission],
    [new PermissionDeniedError("p"), ExitCode.permission],
    [new NoTerminalError("password"), ExitCode.noTerminal],
    [new InterruptedError(), ExitCode.interrupted],
    [new CorruptFileError("/f", "not UTF-8 text"), ExitCode.other],
    [new CliError("other"), ExitCode.other],
    [new TypeError("bug"), ExitCode.other],
    [new ContextualError("Keep alive failed: g", new SessionGoneError("g")), ExitCode.noSession],
  ];
  for (const [error, code] of cases) assert.equal(exitCodeFor(error), code, error.name);
});
