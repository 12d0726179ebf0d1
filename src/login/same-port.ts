// The one port rule for every reuse path (docs/login.md, "Differences from omero-py").
import { effectivePort, resolveServer } from "../connection-string.ts";

/**
 * Two ports of `host` are the same when they name the same port: an absent one means the
 * transport's default, and a URL's own port wins (omero-py compares the strings).
 */
export function sameServerPort(host: string) {
  const port = (given: string | undefined) => effectivePort(resolveServer(host, given));
  return (a: string | undefined, b: string | undefined) => port(a) === port(b);
}
