// Stand-in for the "server-only" guard when lib/ runs under vitest.
export {};
