// The trust policy's failures. Callers test these kinds; the exit code (6 for a refused
// certificate) is chosen where the process ends (src/cli/exit-code.ts). Their messages are
// complete sentences for the user.
import { CliError, UsageError } from "../errors.ts";

/**
 * `pin-mismatch`: not the certificate pinned for host:port; `downgrade`: no CA verifies it, but
 * one did before for host:port; `name-mismatch`: a trusted CA signed it for another host name;
 * `untrusted`: not signed by the CAs of `--ca-file`, or no certificate at all.
 */
export type RefusalReason = "pin-mismatch" | "downgrade" | "name-mismatch" | "untrusted";

/** The server's TLS certificate is refused; nothing was sent over the connection. */
export class CertificateRefusedError extends CliError {
  constructor(
    message: string,
    readonly reason: RefusalReason,
    /** "example.org:4064". */
    readonly hostPort: string,
    /** SHA-256 of the certificate presented, if there was one. */
    readonly fingerprint256: string | undefined,
  ) {
    super(message);
  }
}

/** known_hosts cannot be read or written (a directory, unreadable, a full disk…). */
export class KnownHostsFileError extends CliError {
  constructor(readonly path: string, cause: unknown) {
    // Deno's messages end in the operation and path ("…: readfile '/x'"); the path is ours.
    const reason = cause instanceof Error ? cause.message.replace(/: \w+ '.*$/su, "") : cause;
    super(`cannot use ${path}: ${reason}`, { cause });
  }
}

/** A CA source (SSL_CERT_FILE, SSL_CERT_DIR) that is set but cannot be used: a setting's error. */
export class TrustSourceError extends UsageError {}
