import { ROLE_LABELS } from "@/lib/auth/permissions";
import { PARTNER_ROLES } from "@/lib/users/user-schemas";

export const ROLE_OPTIONS = PARTNER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
