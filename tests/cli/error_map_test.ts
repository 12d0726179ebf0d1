// Ice failures become one CliError each, with the exit code of SPEC §5; OMERO-specific advice is
// added here, not in the Ice layer.
import assert from "node:assert/strict";
import { toCliError } from "../../src/error-map.ts";
import { ExitCode } from "../../src/errors.ts";
import { TlsHandshakeError } from "../../src/ice/errors.ts";

Deno.test("TLS handshake failures: OMERO's old IceSSL defaults get the way out, others do not", () => {
  for (const reason of ["legacy-only", "dropped"] as const) {
    const error = toCliError(new TlsHandshakeError("handshake failed", reason, "h.example"), "t");
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.message, /^handshake failed\. OMERO's former IceSSL defaults/u);
    assert.match(error.message, /tcp:\/\/h\.example or a wss:\/\/ URL/u);
  }
  for (const reason of ["not-tls", "untrusted", "other"] as const) {
    const error = toCliError(new TlsHandshakeError("handshake failed", reason, "h.example"), "t");
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.equal(error.message, "handshake failed");
  }
});
