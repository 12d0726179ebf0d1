// Host directory names: Python's `urllib.parse.quote(host, safe='')` and `unquote`, so that
// omero-py and we name the same directory for every host, URL hosts and IPv6 included.

const UNRESERVED = /[A-Za-z0-9_.~-]/u;

/** Percent-encodes every byte of the UTF-8 form except letters, digits and `_.-~`. */
export function escapeHost(host: string): string {
  let out = "";
  for (const char of host) {
    if (UNRESERVED.test(char)) {
      out += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

/** Decodes `%XX` sequences as UTF-8; malformed sequences stay as they are (like `unquote`). */
export function unescapeHost(name: string): string {
  return name.replace(/(?:%[0-9A-Fa-f]{2})+/gu, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return new TextDecoder("utf-8").decode(bytes);
  });
}
