import "server-only";
import { BlockList, isIP } from "node:net";
import { PEER_ADDRESS_HEADER } from "../security/peer-address-header";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

// Why a header of our own: next-auth's authorize() gets only the request's headers, and Next fills
// X-Forwarded-For with the socket address only when the client didn't send one (`??=`), so a client
// can put anything there. scripts/server.ts (the process `npm start` runs) writes the socket address
// into PEER_ADDRESS_HEADER for every request, replacing any client copy. Forwarding headers are then
// believed only hop by hop from that peer while each hop is a configured proxy (TRUSTED_PROXIES).

function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]" → "::1"; anything that isn't an address → null. */
function normaliseAddress(raw: string | undefined): string | null {
  let value = raw?.trim();
  if (!value) return null;
  if (value.startsWith("[") && value.includes("]")) value = value.slice(1, value.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

const parsedLists = new Map<string, BlockList>();

/** TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, IPv4 or IPv6. Invalid entries throw. */
function trustedProxyList(setting: string): BlockList {
  const cached = parsedLists.get(setting);
  if (cached) return cached;
  const list = new BlockList();
  for (const entry of setting
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const normalised = normaliseAddress(address);
    const family = normalised && isIP(normalised) === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (!normalised || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > (family === "ipv6" ? 128 : 32)))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    if (bits === undefined) list.addAddress(normalised, family);
    else list.addSubnet(normalised, bits, family);
  }
  parsedLists.set(setting, list);
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address for rate limiting: the TCP peer, or, when the peer is a trusted proxy, the
 * right-most X-Forwarded-For entry that isn't one (the hops a client can't have written). "unknown"
 * only when the server wasn't started through scripts/server.ts.
 */
export function resolveClientIp(headers: HeaderBag | undefined, trustedProxies = process.env.TRUSTED_PROXIES ?? ""): string {
  const peer = normaliseAddress(headerValue(headers, PEER_ADDRESS_HEADER));
  if (!peer) return "unknown";
  const list = trustedProxyList(trustedProxies);
  if (!isTrusted(list, peer)) return peer;
  const hops = (headerValue(headers, "x-forwarded-for") ?? "").split(",").map(normaliseAddress);
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index];
    // A malformed entry was written by someone untrusted: stop at the last address we could vouch for.
    if (!hop) break;
    client = hop;
    if (!isTrusted(list, hop)) break;
  }
  return client;
}
