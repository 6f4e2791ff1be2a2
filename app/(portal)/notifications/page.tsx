import { requirePageScope } from "@/lib/auth/get-scope";
import { listNotifications, MAX_NOTIFICATION_PAGE, NOTIFICATIONS_PAGE_SIZE } from "@/lib/alerts/list-notifications";
import { countUnreadNotifications } from "@/lib/alerts/count-unread-notifications";
import { NotificationsView } from "@/components/alerts/notifications-view";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const scope = await requirePageScope("notifications:read");
  const requested = Number((await searchParams).page ?? "1");
  // Past the last page is an empty list, not an error: the skip stays in range.
  const page = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, MAX_NOTIFICATION_PAGE) : 1;
  const [{ rows, total }, unread] = await Promise.all([listNotifications(scope, { page }), countUnreadNotifications(scope)]);
  return (
    <NotificationsView
      rows={rows}
      total={total}
      unread={unread}
      page={page}
      pageCount={Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)}
      audience="partner"
      description="Budget and anomaly alerts of your customers, with the rule and parameters that raised each one."
    />
  );
}
