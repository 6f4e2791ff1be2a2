/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder, and the Prisma client and
  // pg pool hold native-ish state: keep them out of the server bundle and require them at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "bcryptjs",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
