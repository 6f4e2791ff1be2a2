/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder, and the Prisma client and
  // pg pool hold native-ish state: keep them out of the server bundle and require them at run time.
  // unzipper (the reconciliation's zip reading) requires optional cloud SDKs the bundler can't resolve.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "pg-copy-streams",
    "bcryptjs",
    "unzipper",
  ],
  poweredByHeader: false,
  // Types are checked once by `npm run typecheck` (part of `npm test` and CI) over the whole
  // project, tests included; the build doesn't repeat it, which keeps the first `npm start` short.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // proxy.ts sets the security headers of pages and API responses; the hashed static files it
  // skips still must not be sniffed into another type.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;
