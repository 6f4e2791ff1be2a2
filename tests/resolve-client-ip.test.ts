import { describe, expect, it } from "vitest";
import { resolveClientIp } from "../lib/auth/resolve-client-ip";
import { PEER_ADDRESS_HEADER } from "../lib/security/peer-address-header";

const from = (peer: string | undefined, forwardedFor?: string) => ({
  ...(peer === undefined ? {} : { [PEER_ADDRESS_HEADER]: peer }),
  ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
});

describe("resolveClientIp", () => {
  it("ignores X-Forwarded-For from a client that isn't a trusted proxy", () => {
    for (const forged of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "garbage", ""]) {
      expect(resolveClientIp(from("203.0.113.5", forged), "")).toBe("203.0.113.5");
      expect(resolveClientIp(from("203.0.113.5", forged), "10.0.0.0/8")).toBe("203.0.113.5");
    }
  });

  it("believes a trusted proxy's last hop, skipping trusted hops, never further than an untrusted one", () => {
    const proxies = "10.0.0.1, 172.16.0.0/12";
    expect(resolveClientIp(from("10.0.0.1", "198.51.100.4"), proxies)).toBe("198.51.100.4");
    // The client wrote 6.6.6.6 itself; the proxies appended what they saw.
    expect(resolveClientIp(from("10.0.0.1", "6.6.6.6, 198.51.100.4, 172.16.3.2"), proxies)).toBe("198.51.100.4");
    // Only proxies in the chain: the first one the chain names.
    expect(resolveClientIp(from("10.0.0.1", "172.16.0.9"), proxies)).toBe("172.16.0.9");
    // A malformed hop stops the walk at the last address vouched for.
    expect(resolveClientIp(from("10.0.0.1", "198.51.100.4, junk"), proxies)).toBe("10.0.0.1");
    expect(resolveClientIp(from("10.0.0.1"), proxies)).toBe("10.0.0.1");
  });

  it("handles IPv6 and IPv4-mapped addresses", () => {
    expect(resolveClientIp(from("::ffff:203.0.113.7"), "")).toBe("203.0.113.7");
    expect(resolveClientIp(from("::1", "2001:db8::5"), "::1")).toBe("2001:db8::5");
    expect(resolveClientIp(from("fd00::2", "[2001:DB8::6]"), "fd00::/8")).toBe("2001:db8::6");
    expect(resolveClientIp(from("::ffff:10.1.2.3", "198.51.100.9"), "10.0.0.0/8")).toBe("198.51.100.9");
  });

  it("reads a Headers object as well as next-auth's plain header record", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.1", "x-forwarded-for": "198.51.100.4" });
    expect(resolveClientIp(headers, "10.0.0.1")).toBe("198.51.100.4");
  });

  it("without the server entry's header nothing is believed", () => {
    expect(resolveClientIp(from(undefined, "198.51.100.4"), "0.0.0.0/0")).toBe("unknown");
    expect(resolveClientIp(undefined, "")).toBe("unknown");
  });

  it("refuses a TRUSTED_PROXIES entry that isn't an address or range", () => {
    expect(() => resolveClientIp(from("10.0.0.1"), "10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
    expect(() => resolveClientIp(from("10.0.0.1"), "proxy.internal")).toThrow(/TRUSTED_PROXIES/);
  });
});
