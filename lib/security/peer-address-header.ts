// The request header our own server entry (scripts/server.ts) sets to the TCP peer's address. It
// overwrites whatever a client sent under that name, so unlike X-Forwarded-For it can't be forged.
// Pure (no "server-only"): the server entry imports it too.
export const PEER_ADDRESS_HEADER = "x-stackcenter-peer";
