// Database commands: `migration <name>` (diff migrations → schema.prisma into a new folder),
// `migrate` (apply pending migrations), `seed` (demo data if the database is empty),
// `setup` (migrate + seed; what `npm start` runs). migrate and setup also clean up price list
// imports a killed process left behind (abandonDeadPriceImports) and run the usage partition upkeep
// (lib/partitions/).
import { applyMigrations, createMigration } from "../lib/database/migrations";
import { databaseOptionsFromEnv, openDatabase } from "../lib/database/open-database";
import { vacuumRewrittenTables } from "../lib/database/vacuum-rewritten-tables";
import { abandonDeadPriceImports } from "../lib/pricing/abandon-dead-price-imports";
import { unsafeMaintainUsagePartitions } from "../lib/partitions/unsafe-maintain-usage-partitions";

async function main() {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case "migration": {
      const name = args.join("_");
      if (!name) throw new Error("usage: npm run db:migration -- <name>");
      const folder = await createMigration(name);
      console.log(folder ? `created ${folder}` : "schema.prisma and the migrations agree: nothing to create");
      return;
    }
    case "migrate":
    case "setup": {
      const database = await openDatabase(databaseOptionsFromEnv());
      try {
        const applied = await applyMigrations(database.migrationAdapter, database.sql);
        console.log(`${database.mode} (${database.location}): ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
        const vacuumed = await vacuumRewrittenTables(database.sql, applied);
        if (vacuumed.length > 0) console.log(`vacuumed ${vacuumed.join(", ")} (rewritten by a migration)`);
        for (const dead of await abandonDeadPriceImports(database)) {
          console.log(
            `abandoned the price list import of ${dead.sourceFileName} (started ${dead.importedAt.toISOString()} by ${dead.importedByEmail ?? "a script"}): ${dead.reason}`,
          );
        }
        if (command === "setup") {
          const { seedDemoIfEmpty } = await import("../prisma/seed/seed-demo");
          const seeded = await seedDemoIfEmpty(database.prisma);
          console.log(seeded ? "seeded the demo data" : "demo data already present");
          if (seeded) await (await import("../prisma/seed/usage-history-demo")).seedDemoUsageHistory(database, { log: console.log });
        }
        // The portal keeps the usage partitions itself (at start and daily); doing it here too
        // moves the demo history out of the DEFAULT partition before the first request.
        const { created, moved } = await unsafeMaintainUsagePartitions(database.sql);
        if (created.length > 0) console.log(`created usage partitions ${created.join(", ")} (${moved} rows moved out of DEFAULT)`);
      } finally {
        await database.close();
      }
      return;
    }
    case "seed": {
      const database = await openDatabase(databaseOptionsFromEnv());
      try {
        const { seedDemoIfEmpty } = await import("../prisma/seed/seed-demo");
        console.log((await seedDemoIfEmpty(database.prisma)) ? "seeded the demo data" : "demo data already present");
      } finally {
        await database.close();
      }
      return;
    }
    default:
      throw new Error(`unknown command ${command ?? "(none)"}: migration <name> | migrate | seed | setup`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
