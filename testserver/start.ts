/** Starts the local OMERO test server: our Python backend behind a real glacier2router. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Certificate, type CertificateKind, makeCertificate } from "./certs.ts";
import { type ReadyChild, spawnReady } from "./child.ts";
import { glacier2Config } from "./glacier2.ts";
import { freePorts } from "./ports.ts";

export interface TestServerPorts {
  tcp: number;
  ssl: number;
  ws: number;
  wss: number;
}

export interface TestServer {
  host: "127.0.0.1";
  ports: TestServerPorts;
  certPem: string;
  certPath: string;
  fingerprint256: string;
  dir: string;
  /**
   * Restarts the router on the same ports with another certificate (a server whose certificate
   * was replaced, or an impostor on its address); the backend and its sessions stay.
   */
  restartRouter(certificate: Certificate): Promise<void>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface TestServerOptions {
  /** Multiplies OMERO session lifetimes: 0.01 makes the 600 s idle timeout last 6 s. */
  timeScale?: number;
  /** Glacier2.SessionTimeout in seconds (OMERO: 600). */
  sessionTimeoutSecs?: number;
  /** "ca": CA:TRUE certificate as omero-certificates makes; "leaf": CA:FALSE with SANs. */
  certKind?: CertificateKind;
  /** A certificate to serve instead (e.g. one signed by a test CA); `certKind` is then unused. */
  certificate?: Certificate;
  /** Extra users and groups, same shape as testserver/fixtures.json. */
  fixturesFile?: string;
  /** Client ports; free ones when omitted. */
  ports?: TestServerPorts;
  /** What IConfig.getVersion returns (default 5.6.10). */
  version?: string;
  /**
   * Adds testserver/hostile.json: groups, user names, a session's agent and the wrong-password
   * reason made of escape sequences and newlines, a user whose reported name holds a newline,
   * and one whose session keys do (docs/testserver.md).
   */
  hostile?: boolean;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const PYTHON = "/usr/bin/python3";
const GLACIER2 = "/usr/bin/glacier2router";

/** Free ports are released before the router binds them, so another process can take one first. */
const PORT_RACE_ATTEMPTS = 3;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  for (let attempt = 1;; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      const raced = error instanceof Error && /Address already in use/.test(error.message);
      if (!raced || options.ports || attempt >= PORT_RACE_ATTEMPTS) throw error;
    }
  }
}

async function startOnce(options: TestServerOptions): Promise<TestServer> {
  const dir = await Deno.makeTempDir({ prefix: "omero-testserver-" });
  let backend: ReadyChild | undefined;
  let router: ReadyChild | undefined;
  const stop = async () => {
    await router?.stop();
    await backend?.stop();
    router = backend = undefined;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    const cert = options.certificate ??
      await makeCertificate(dir, { kind: options.certKind ?? "ca" });
    const [backendPort, ...free] = await freePorts(options.ports ? 1 : 5);
    const ports = options.ports ?? { tcp: free[0], ssl: free[1], ws: free[2], wss: free[3] };

    const backendArgs = [join(HERE, "backend.py"), "--port", String(backendPort)];
    backendArgs.push("--time-scale", String(options.timeScale ?? 1));
    if (options.version) backendArgs.push("--version", options.version);
    if (options.fixturesFile) backendArgs.push("--fixtures", options.fixturesFile);
    if (options.hostile) backendArgs.push("--hostile");
    backend = await spawnReady(PYTHON, backendArgs, "backend ready");

    const configPath = join(dir, "glacier2.cfg");
    const startRouter = async (served: Certificate) => {
      await Deno.writeTextFile(
        configPath,
        glacier2Config({
          ports,
          backendPort,
          certPath: served.certPath,
          keyPath: served.keyPath,
          sessionTimeoutSecs: options.sessionTimeoutSecs ?? 600,
        }),
      );
      router = await spawnReady(GLACIER2, [`--Ice.Config=${configPath}`], "Glacier2.Client ready");
    };
    await startRouter(cert);

    return {
      host: "127.0.0.1",
      ports,
      certPem: cert.pem,
      certPath: cert.certPath,
      fingerprint256: cert.fingerprint256,
      dir,
      async restartRouter(certificate) {
        await router?.stop();
        router = undefined;
        await startRouter(certificate);
      },
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
