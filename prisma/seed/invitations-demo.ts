// One pending invitation in the demo: Fabrikam's admin invited a new sales agent, who hasn't
// accepted yet. Its link has a FIXED, published value (README / DEMO_INVITATION) so the
// acceptance page can be tried at once: demo data only, exactly like DEMO_PASSWORD. It expires
// seven days after seeding, like a real invitation (then re-issue it from Settings → Users).
import { addDays } from "date-fns";
import type { Prisma } from "../../generated/prisma/client";
import { hashInvitationToken, INVITATION_TTL_DAYS } from "../../lib/users/invitation-format";
import { DEMO_PARTNERS, DEMO_USERS } from "./demo-data";
import { deterministicCuid, deterministicGuid } from "./prng";

export const DEMO_INVITATION = {
  id: deterministicCuid("invitation:fabrikam:new-sales"),
  partnerKey: "fabrikam" as const,
  email: "new.sales@fabrikam.example",
  displayName: "Grace Whitfield",
  role: "SALES_AGENT" as const,
  token: `sci_demo_fabrikam_${deterministicGuid("invitation:fabrikam:new-sales").replace(/-/g, "")}`,
};

export async function seedDemoInvitations(tx: Prisma.TransactionClient, now = new Date()): Promise<void> {
  const inviter = DEMO_USERS.find((user) => user.partnerKey === DEMO_INVITATION.partnerKey && user.role === "ADMIN_AGENT");
  await tx.userInvitation.create({
    data: {
      id: DEMO_INVITATION.id,
      partnerId: DEMO_PARTNERS[DEMO_INVITATION.partnerKey].id,
      email: DEMO_INVITATION.email,
      displayName: DEMO_INVITATION.displayName,
      role: DEMO_INVITATION.role,
      tokenHash: hashInvitationToken(DEMO_INVITATION.token),
      createdByUserId: inviter?.id ?? null,
      createdAt: now,
      expiresAt: addDays(now, INVITATION_TTL_DAYS),
    },
    select: { id: true },
  });
}
