// Input of the stamp connection form (shared with it: no "server-only").
import { z } from "zod";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const stampConnectionInputSchema = z
  .object({
    registrationId: z.string().trim().min(1).max(64),
    armEndpoint: z
      .string()
      .trim()
      .url("The stamp's admin Resource Manager endpoint, e.g. https://adminmanagement.local.azurestack.external.")
      .refine((value) => /^https?:\/\//i.test(value), "Use an https:// (or http://) URL."),
    identitySystem: z.enum(["ENTRA", "ADFS"], { message: "Choose Microsoft Entra ID or AD FS." }),
    tenantId: z.string().trim().max(100).optional(),
    clientId: z.string().trim().min(1, "The service principal's application (client) id is required.").max(100),
    credentialKind: z.enum(["secret", "certificate"], { message: "Choose a client secret or a certificate." }),
    /** The secret, or the PEM with the certificate and its private key; empty keeps the stored one. */
    credential: z.string().max(20_000).optional(),
    caCertificatePem: z
      .string()
      .trim()
      .max(20_000)
      .optional()
      .refine((value) => !value || value.includes("-----BEGIN CERTIFICATE-----"), "Paste the CA certificate as PEM (-----BEGIN CERTIFICATE-----)."),
    providerSubscriptionId: z
      .string()
      .trim()
      .refine((value) => GUID.test(value), "The stamp's default provider subscription id, a GUID."),
  })
  .superRefine((input, ctx) => {
    if (input.identitySystem === "ENTRA" && !GUID.test(input.tenantId ?? "")) {
      ctx.addIssue({ code: "custom", path: ["tenantId"], message: "The directory (tenant) id of the stamp's Microsoft Entra ID, a GUID." });
    }
    if (input.credentialKind === "certificate" && input.credential && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(input.credential)) {
      ctx.addIssue({ code: "custom", path: ["credential"], message: "Paste the PEM with the certificate and its private key." });
    }
  });

export type StampConnectionInput = z.output<typeof stampConnectionInputSchema>;
