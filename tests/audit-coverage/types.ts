// The shape of one entry of the audit-coverage test (tests/audit-coverage.test.ts): that test lists
// every exported server action of lib/**/actions.ts and fails when one has no case here, or when
// calling it (as the case's user, with the case's input) succeeds without writing an audit event.
// Each domain keeps its cases in its own file tests/audit-coverage/<domain>-cases.ts.
import type { PrismaClient } from "../../generated/prisma/client";
import type { PartnerScope } from "../../lib/auth/partner-scope";
import type { World } from "../support/world";

export type AuditCaseContext = { prisma: PrismaClient; world: World };

export type AuditCase = {
  /** Builds what the action needs (fresh rows, so cases don't collide) and says how to call it. */
  prepare: (context: AuditCaseContext) => Promise<{ scope: PartnerScope; input: unknown }>;
  /** The AuditEvent.action the call must write. */
  expectedAuditAction: string;
  /**
   * A public action (no session, e.g. accepting an invitation: the token is the credential) is
   * audited as the user it acts for, not the session's user: its event is matched by action only.
   */
  isPublic?: boolean;
};

/** Actions that change no data (e.g. a view filter kept in a cookie), each with the reason. */
export type AuditExemptions = Record<string, string>;

/** Keyed "<module path under lib>#<export name>", e.g. "customers/actions#createCustomerAction". */
export type AuditCases = Record<string, AuditCase>;
