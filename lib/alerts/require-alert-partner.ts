import "server-only";
// Alert settings and webhooks belong to the caller's own partner (a reseller's its own, a
// distributor's its own: each partner hears of its own customers' alerts, docs/alerts.md).
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { DomainError } from "../errors";
import { ALERT_ERROR_CODES } from "./alert-error-codes";

export function requireAlertPartner(scope: PartnerScope): string {
  assertScopeCan(scope, "alerts:manage");
  if (scope.isOperator || !scope.partnerId) {
    throw new DomainError(ALERT_ERROR_CODES.NoPartner, "Alerts belong to a partner; platform operators have none.", { status: 403 });
  }
  return scope.partnerId;
}
