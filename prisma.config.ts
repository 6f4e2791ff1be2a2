import { defineConfig } from "prisma/config";

// Only `prisma generate` runs through the CLI here (see scripts/db.ts for migrations, which use
// Prisma's WebAssembly schema engine offline); the runtime connection comes from lib/db.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
