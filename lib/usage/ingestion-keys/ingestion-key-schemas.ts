// Input schemas of the ingestion key actions (no "server-only": forms may share them).
import { z } from "zod";

export const createIngestionKeySchema = z.object({
  registrationId: z.string().trim().min(1),
  name: z.string().trim().min(1, "Name the key, e.g. the collector host that will use it.").max(80, "At most 80 characters."),
});

export const revokeIngestionKeySchema = z.object({
  registrationId: z.string().trim().min(1),
  keyId: z.string().trim().min(1, "Choose a key to revoke."),
});

export type CreateIngestionKeyInput = z.output<typeof createIngestionKeySchema>;
