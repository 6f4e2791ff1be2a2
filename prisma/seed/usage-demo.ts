// Demo ingestion keys: one per demo registration that reports usage (pay-as-you-use and the
// Capacity stamp), with fixed published plaintexts so the README's collector example works
// against a freshly seeded portal. Only their hashes are stored, as for real keys.
import type { Prisma } from "../../generated/prisma/client";
import { hashIngestionKey, ingestionKeyDisplayPrefix } from "../../lib/usage/ingestion-keys/ingestion-key-format";
import { DEMO_USERS } from "./demo-data";
import { deterministicCuid, deterministicGuid } from "./prng";
import { DEMO_REGISTRATIONS } from "./registrations-demo";

export interface DemoIngestionKey {
  registrationKey: string;
  registrationId: string;
  name: string;
  /** The plaintext (published for the demo only). */
  key: string;
}

export const DEMO_INGESTION_KEYS: readonly DemoIngestionKey[] = DEMO_REGISTRATIONS.map((registration) => ({
  registrationKey: registration.key,
  registrationId: registration.id,
  name: "Usage collector (demo)",
  key: `scik_demo_${registration.key.replace(/[^A-Za-z0-9_-]/g, "")}_${deterministicGuid(`ingestion-key:${registration.key}`).replace(/-/g, "")}`,
}));

/** Inserts the demo ingestion keys (inside the seeding transaction, after the registrations). */
export async function seedDemoIngestionKeys(tx: Prisma.TransactionClient): Promise<void> {
  await tx.ingestionKey.createMany({
    data: DEMO_INGESTION_KEYS.map((demo) => {
      const registration = DEMO_REGISTRATIONS.find((row) => row.id === demo.registrationId);
      const admin = DEMO_USERS.find((user) => user.partnerKey === registration?.partnerKey && user.role === "ADMIN_AGENT");
      return {
        id: deterministicCuid(`ingestion-key:${demo.registrationKey}`),
        registrationId: demo.registrationId,
        name: demo.name,
        prefix: ingestionKeyDisplayPrefix(demo.key),
        keyHash: hashIngestionKey(demo.key),
        createdByUserId: admin?.id ?? null,
        createdAt: registration?.createdAt ?? new Date(),
      };
    }),
  });
}
