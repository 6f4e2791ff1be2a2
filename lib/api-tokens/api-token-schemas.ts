// Input schemas of the API token actions (no "server-only": the form may share them).
import { z } from "zod";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. the stamp or script that will use it.").max(80, "At most 80 characters."),
});

export const revokeApiTokenSchema = z.object({
  tokenId: z.string().trim().min(1, "Choose a token to revoke."),
});

export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;
