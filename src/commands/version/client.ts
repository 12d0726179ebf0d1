// The client's own name and version, without anything that talks to a server: `--version` and
// `version` without a session print only this.
import manifest from "../../../package.json" with { type: "json" };

export const CLIENT = { name: manifest.name, version: manifest.version } as const;
