import { z } from "zod";

/** Roles a partner can give its people (OPERATOR is Microsoft's, never assignable). */
export const PARTNER_ROLES = ["ADMIN_AGENT", "BILLING_ADMIN", "SALES_AGENT"] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];
/** What an invitation can make someone: a partner role, or a reader of one of the partner's customers. */
export type InvitableRole = PartnerRole | "CUSTOMER_READER";

/** Passwords: at least 12 characters; at most 72 bytes, bcrypt's limit (it ignores the rest). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_BYTES = 72;

const id = (what: string) =>
  z
    .string({ error: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(40);

export const emailField = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(254, "Email is too long.")
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

export const displayNameField = z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name is at most 120 characters.");

const roleField = z.enum(PARTNER_ROLES, { error: "Choose a role: admin agent, billing admin or sales agent." });

export const passwordField = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine((value) => Buffer.byteLength(value, "utf8") <= PASSWORD_MAX_BYTES, {
    error: `Password must be at most ${PASSWORD_MAX_BYTES} bytes.`,
  })
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, {
    error: "Password can't be mostly spaces.",
  });

export const inviteUserSchema = z.object({
  partnerId: id("Partner"),
  email: emailField,
  displayName: displayNameField,
  role: roleField,
});
export type InviteUserInput = z.output<typeof inviteUserSchema>;

/** A customer's user (customer reader): the customer id is looked up on the server within the caller's scope. */
export const inviteCustomerReaderSchema = z.object({
  customerId: id("Customer"),
  email: emailField,
  displayName: displayNameField,
});
export type InviteCustomerReaderInput = z.output<typeof inviteCustomerReaderSchema>;

export const changeUserRoleSchema = z.object({ userId: id("User"), role: roleField });
export const setUserActiveSchema = z.object({ userId: id("User") });
export const invitationIdSchema = z.object({ invitationId: id("Invitation") });

export const acceptInvitationSchema = z
  .object({
    token: z.string().trim().min(1).max(300),
    displayName: displayNameField,
    password: passwordField,
    confirmPassword: z.string({ error: "Repeat the password." }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    error: "The two passwords don't match.",
  });
export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;
