// What `deno compile` put into a binary, read back from what it tells and what it wrote: the
// "Embedded Files" tree it prints, and the metadata (entry point, permissions) it appends to the
// binary as JSON. Both are there even when DENORT_BIN is a stand-in for the runtime, so the
// layout is checked on machines that cannot download denort.

export interface EmbeddedFile {
  /** Path inside the binary's virtual file system; directories listed whole end in `/*`. */
  path: string;
  bytes: number;
}

export interface Layout {
  files: EmbeddedFile[];
  /** The "Files:" total. */
  totalBytes: number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

function parseSize(text: string): number {
  const match = /^([\d.]+)(B|KB|MB|GB)$/u.exec(text);
  if (!match) throw new Error(`unexpected size "${text}" in deno compile's listing`);
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}

/**
 * Parses the tree deno compile prints (without colours): one entry a line, two columns of
 * indentation per level, `├──`/`└──` for a file (or a whole directory as `dir/*`), `─┬` for a
 * directory whose entries follow.
 */
export function parseListing(output: string): Layout {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => line.trim() === "Embedded Files");
  if (start < 0) throw new Error("deno compile printed no Embedded Files listing");
  const files: EmbeddedFile[] = [];
  const parents: string[] = [];
  let totalBytes: number | undefined;
  for (const line of lines.slice(start + 1)) {
    const total = /^Files: (\S+)$/u.exec(line.trim());
    if (total) {
      totalBytes = parseSize(total[1]);
      break;
    }
    const entry = /^([│ ]*)[├└]─([─┬]) (.+?) \((\S+?)(?: - \S+ unique)?\)$/u.exec(line);
    if (!entry) continue;
    const [, indent, kind, name, size] = entry;
    const depth = indent.length / 2;
    parents.length = depth;
    if (kind === "┬") parents.push(name);
    else files.push({ path: [...parents, name].join("/"), bytes: parseSize(size) });
  }
  if (totalBytes === undefined) throw new Error("deno compile printed no Files: total");
  return { files, totalBytes };
}

export interface Metadata {
  entrypoint_key: string;
  permissions: Record<string, unknown>;
  [key: string]: unknown;
}

/** The JSON metadata deno compile appends to a binary (it starts with `{"argv":`). */
export async function readMetadata(binary: string): Promise<Metadata> {
  const bytes = await Deno.readFile(binary);
  const marker = new TextEncoder().encode('{"argv":');
  for (let at = bytes.lastIndexOf(marker[0]); at >= 0; at = bytes.lastIndexOf(marker[0], at - 1)) {
    if (!marker.every((byte, i) => bytes[at + i] === byte)) continue;
    const end = jsonEnd(bytes, at);
    if (end < 0) continue;
    const metadata = JSON.parse(new TextDecoder().decode(bytes.subarray(at, end)));
    if (typeof metadata.entrypoint_key === "string" && metadata.permissions) return metadata;
  }
  throw new Error(`no deno compile metadata found in ${binary}`);
}

/** The index after the JSON object that starts at `start`, or -1. */
function jsonEnd(bytes: Uint8Array, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b) depth++;
    else if (byte === 0x7d && --depth === 0) return i + 1;
  }
  return -1;
}
