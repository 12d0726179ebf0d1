// Seeded, reproducible fuzzing of the whole receive path (framing, reply/request decoding,
// encapsulations, proxies, class graphs, exceptions) with random and mutated messages. The only
// acceptable failures are typed Ice errors; anything else is reported with seed and iteration.
import { ok } from "node:assert/strict";
import { IceError } from "../../../src/ice/errors.ts";
import {
  decodeReply,
  decodeRequest,
  MessageFramer,
  MessageType,
} from "../../../src/ice/message.ts";
import { usesClasses } from "../../../src/ice/values.ts";
import { registry, type Seed, seeds } from "./corpus.ts";

const SEED = Number(Deno.env.get("ICE_FUZZ_SEED") ?? 20261125);
const ITERATIONS = Number(Deno.env.get("ICE_FUZZ_ITERATIONS") ?? 120_000);

/** mulberry32: small, fast, and the same sequence everywhere for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0, 1, 0x7f, 0x80, 0xfe, 0xff];

function mutate(bytes: Uint8Array, random: () => number, seedsList: Seed[]): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  let out: Uint8Array = bytes.slice();
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const at = pick(Math.max(1, out.length));
    switch (pick(7)) {
      case 0: // bit flip
        out[at] ^= 1 << pick(8);
        break;
      case 1: // interesting byte
        out[at] = INTERESTING[pick(INTERESTING.length)];
        break;
      case 2: { // forged int32 (sizes, counts, ids)
        const v = [0x7fffffff, -1, -0x80000000, 0xffff, 255, 0][pick(6)];
        const copy = new Uint8Array(Math.max(out.length, at + 4));
        copy.set(out);
        new DataView(copy.buffer).setInt32(at, v, true);
        out = copy;
        break;
      }
      case 3: // truncate
        out = out.slice(0, at);
        break;
      case 4: { // insert random bytes
        const extra = Uint8Array.from({ length: 1 + pick(8) }, () => pick(256));
        out = concat(out.subarray(0, at), extra, out.subarray(at));
        break;
      }
      case 5: { // splice in part of another seed
        const other = seedsList[pick(seedsList.length)].bytes;
        const from = pick(other.length);
        out = concat(out.subarray(0, at), other.subarray(from, from + 1 + pick(40)));
        break;
      }
      default: // duplicate a range
        out = concat(out.subarray(0, at), out.subarray(pick(out.length)));
    }
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The client's receive path for one message; header sizes are kept honest half of the time. */
function decode(bytes: Uint8Array, params: Seed["params"], fixSize: boolean): void {
  if (fixSize && bytes.length >= 14) new DataView(bytes.buffer).setInt32(10, bytes.length, true);
  const framer = new MessageFramer();
  framer.push(bytes);
  for (let m = framer.next(); m; m = framer.next()) {
    if (m.header.type === MessageType.Request) decodeRequest(m.body);
    if (m.header.type !== MessageType.Reply) continue;
    const reply = decodeReply(m.body, registry);
    if (!("params" in reply)) continue;
    for (const type of params) reply.params.read(type);
    if (params.some(usesClasses)) reply.params.readPendingValues();
    reply.params.endEncapsulation();
  }
}

Deno.test(`decoder fuzz: ${ITERATIONS} random and mutated messages (seed ${SEED})`, () => {
  const random = prng(SEED);
  const corpus = seeds();
  const outcomes = { decoded: 0, typedError: 0 };
  const heapBefore = Deno.memoryUsage().heapUsed;
  for (let i = 0; i < ITERATIONS; i++) {
    const seed = corpus[Math.floor(random() * corpus.length)];
    const bytes = random() < 0.1
      ? concat(
        seed.bytes.subarray(0, Math.floor(random() * 15)),
        Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)),
      )
      : mutate(seed.bytes, random, corpus);
    try {
      decode(bytes, seed.params, random() < 0.5);
      outcomes.decoded++;
    } catch (e) {
      if (!(e instanceof IceError)) {
        throw new Error(
          `untyped ${(e as Error).name} at iteration ${i} (ICE_FUZZ_SEED=${SEED}): ${
            (e as Error).message
          }\ninput: ${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`,
          { cause: e },
        );
      }
      outcomes.typedError++;
    }
  }
  // Forged sizes must never have turned into big allocations that are still alive.
  const growth = Deno.memoryUsage().heapUsed - heapBefore;
  ok(growth < 256 * 1024 * 1024, `heap grew by ${growth} bytes`);
  ok(outcomes.decoded > 0 && outcomes.typedError > 0, JSON.stringify(outcomes));
  console.log(`fuzz outcomes: ${JSON.stringify(outcomes)}`);
});

Deno.test("every corpus seed decodes cleanly before mutation", () => {
  for (const seed of seeds()) decode(seed.bytes.slice(), seed.params, false);
});
