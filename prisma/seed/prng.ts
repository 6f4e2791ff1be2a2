// Deterministic randomness for the demo data: every value is derived from a string key, so the
// seed produces the same ids, GUIDs and dates on every run and adding a row never shifts the others.

/** cyrb128: a small, well-mixed 128-bit string hash (four 32-bit words). */
function cyrb128(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded generator of floats in [0, 1) (sfc32). */
export type Random = () => number;

export function seededRandom(key: string): Random {
  let [a, b, c, d] = cyrb128(key);
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function randomBytes(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => Math.floor(random() * 256));
}

/** A lowercase, version-4-shaped GUID (8-4-4-4-12) derived from `key`. */
export function deterministicGuid(key: string): string {
  const bytes = randomBytes(seededRandom(`guid:${key}`), 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CUID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A cuid-shaped id ("c" + 24 lowercase base-36 characters), like Prisma's @default(cuid()). */
export function deterministicCuid(key: string): string {
  const random = seededRandom(`cuid:${key}`);
  let id = "c";
  for (let i = 0; i < 24; i++) id += CUID_ALPHABET[Math.floor(random() * CUID_ALPHABET.length)];
  return id;
}

/** A timestamp between `from` and `to` (whole minutes, UTC), derived from `key`. */
export function deterministicDate(key: string, from: Date, to: Date): Date {
  const minutes = Math.floor((to.getTime() - from.getTime()) / 60_000);
  return new Date(from.getTime() + randomInt(seededRandom(`date:${key}`), 0, minutes) * 60_000);
}
