/** The glacier2router configuration OMERO uses, pointed at our Python backend. */

export interface RouterConfig {
  ports: { tcp: number; ssl: number; ws: number; wss: number };
  backendPort: number;
  certPath: string;
  keyPath: string;
  sessionTimeoutSecs: number;
}

/** Properties for `glacier2router --Ice.Config=…`, one `key=value` per line. */
export function glacier2Config(config: RouterConfig): string {
  const host = "-h 127.0.0.1";
  const backend = `tcp ${host} -p ${config.backendPort}`;
  const { tcp, ssl, ws, wss } = config.ports;
  const properties: Record<string, string | number> = {
    "Glacier2.InstanceName": "OMERO.Glacier2",
    "Glacier2.Client.Endpoints":
      `tcp ${host} -p ${tcp}:ssl ${host} -p ${ssl}:ws ${host} -p ${ws}:wss ${host} -p ${wss}`,
    // With server endpoints set, Glacier2 hands the session manager a SessionControl, which
    // the backend uses for OMERO's per-session category filter.
    "Glacier2.Server.Endpoints": `tcp ${host}`,
    "Glacier2.SessionTimeout": config.sessionTimeoutSecs,
    "Glacier2.Client.ForwardContext": 1,
    "Glacier2.Filter.Category.Accept": "ProcessCallback ProcessorCallback",
    "Glacier2.PermissionsVerifier": `BlitzVerifier:${backend}`,
    "Glacier2.SessionManager": `BlitzManager:${backend}`,
    "Ice.MessageSizeMax": 65536,
    "Ice.Plugin.IceSSL": "IceSSL:createIceSSL",
    "IceSSL.CertFile": config.certPath,
    "IceSSL.KeyFile": config.keyPath,
    "IceSSL.VerifyPeer": 0,
    "Ice.PrintAdapterReady": 1,
    "Ice.Warn.Connections": 0,
  };
  return Object.entries(properties).map(([key, value]) => `${key}=${value}\n`).join("");
}
