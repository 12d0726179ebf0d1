// Starts the Python interop servant (tcp, ssl, ws, wss) and a real glacier2router in front of it
// (also on tcp, ssl, ws and wss), all on free loopback ports; stops both on dispose.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Certificate, makeCertificate } from "../../../testserver/certs.ts";
import { type ReadyChild, spawnReady } from "../../../testserver/child.ts";
import { freePorts } from "../../../testserver/ports.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

export type Ports = { tcp: number; ssl: number; ws: number; wss: number };

export interface InteropServers extends AsyncDisposable {
  /** The servant's own endpoints. */
  direct: Ports;
  /** The glacier2router's client endpoints (instance name "Interop"). */
  router: Ports;
  certificate: Certificate;
}

export async function startInteropServers(): Promise<InteropServers> {
  const dir = await Deno.makeTempDir({ prefix: "ice-interop-" });
  const children: ReadyChild[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await child.stop();
    await Deno.remove(dir, { recursive: true });
  };
  try {
    const certificate = await makeCertificate(dir, { kind: "leaf" });
    const free = await freePorts(8);
    const direct = { tcp: free[0], ssl: free[1], ws: free[2], wss: free[3] };
    const router = { tcp: free[4], ssl: free[5], ws: free[6], wss: free[7] };
    const servantArgs = [join(HERE, "interop_server.py"), "--cert", certificate.certPath];
    servantArgs.push("--key", certificate.keyPath);
    for (const [kind, port] of Object.entries(direct)) servantArgs.push(`--${kind}`, String(port));
    children.push(await spawnReady("/usr/bin/python3", servantArgs, "interop ready"));

    const backend = `tcp -h 127.0.0.1 -p ${direct.tcp}`;
    const config = {
      "Glacier2.InstanceName": "Interop",
      "Glacier2.Client.Endpoints": Object.entries(router)
        .map(([kind, port]) => `${kind} -h 127.0.0.1 -p ${port}`).join(":"),
      "Glacier2.SessionTimeout": 30,
      "Glacier2.Client.ForwardContext": 1,
      "Ice.MessageSizeMax": 65536,
      "Glacier2.PermissionsVerifier": `interop/verifier:${backend}`,
      "Glacier2.SessionManager": `interop/sessions:${backend}`,
      "Ice.Plugin.IceSSL": "IceSSL:createIceSSL",
      "IceSSL.CertFile": certificate.certPath,
      "IceSSL.KeyFile": certificate.keyPath,
      "IceSSL.VerifyPeer": 0,
      "Ice.PrintAdapterReady": 1,
      "Ice.Warn.Connections": 0,
    };
    const configPath = join(dir, "glacier2.cfg");
    await Deno.writeTextFile(
      configPath,
      Object.entries(config).map(([key, value]) => `${key}=${value}\n`).join(""),
    );
    children.push(
      await spawnReady(
        "/usr/bin/glacier2router",
        [`--Ice.Config=${configPath}`],
        "Glacier2.Client ready",
      ),
    );
    return { direct, router, certificate, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
