import "server-only";
// Names for the ids an audit page shows (its events' targets, and ids inside before/after), so the
// log reads "Alpine Ski House" rather than a cuid. Unscoped by name ("unsafe"): the caller passes
// events it already read within its scope, and only the names of the records they mention come
// back. A record deleted since is simply not named (its id still shows).
import { getPrisma } from "../db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_LIKE = /^[A-Za-z0-9_-]{8,64}$/;

interface EventIds {
  targetId: string;
  before: unknown;
  after: unknown;
}

/** The id-looking values of before/after under keys named …Id or …Ids. */
function referencedIds(value: unknown, into: Set<string>): void {
  if (!value || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, field] of Object.entries(value)) {
    if (!/Ids?$/.test(key)) continue;
    for (const item of Array.isArray(field) ? field : [field]) if (typeof item === "string" && ID_LIKE.test(item)) into.add(item);
  }
}

/** id → a name for people. */
export async function unsafeAuditTargetNames(events: EventIds[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const event of events) {
    if (ID_LIKE.test(event.targetId)) ids.add(event.targetId);
    referencedIds(event.before, ids);
    referencedIds(event.after, ids);
  }
  if (ids.size === 0) return {};
  const all = [...ids];
  const uuids = all.filter((id) => UUID.test(id));
  const prisma = await getPrisma();
  const [partners, customers, users, invitations, registrations, rateCards, tokens, keys, subscriptions] = await Promise.all([
    prisma.partner.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    prisma.customer.findMany({ where: { id: { in: all } }, select: { id: true, companyName: true } }),
    prisma.user.findMany({ where: { id: { in: all } }, select: { id: true, displayName: true, email: true } }),
    prisma.userInvitation.findMany({ where: { id: { in: all } }, select: { id: true, email: true } }),
    prisma.registration.findMany({ where: { id: { in: all } }, select: { id: true, stampName: true } }),
    prisma.rateCard.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    prisma.apiToken.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    prisma.ingestionKey.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    uuids.length > 0 ? prisma.azureSubscription.findMany({ where: { id: { in: uuids } }, select: { id: true, displayName: true } }) : Promise.resolve([]),
  ]);
  const names: Record<string, string> = {};
  for (const row of partners) names[row.id] = row.name;
  for (const row of customers) names[row.id] = row.companyName;
  for (const row of users) names[row.id] = `${row.displayName} (${row.email})`;
  for (const row of invitations) names[row.id] = `Invitation for ${row.email}`;
  for (const row of registrations) names[row.id] = row.stampName;
  for (const row of rateCards) names[row.id] = row.name;
  for (const row of tokens) names[row.id] = row.name;
  for (const row of keys) names[row.id] = row.name;
  for (const row of subscriptions) names[row.id] = row.displayName;
  return names;
}
