// `version`: the client's version. (The server's, via IConfig.getVersion, comes with the client.)
import type { IO } from "../../cli/io.ts";
import manifest from "../../../package.json" with { type: "json" };

export interface VersionOptions {
  json?: boolean;
}

export function run(options: VersionOptions, io: IO): void {
  const client = { name: manifest.name, version: manifest.version };
  io.stdout.write(
    options.json ? `${JSON.stringify({ client })}\n` : `${client.name} ${client.version}\n`,
  );
}
