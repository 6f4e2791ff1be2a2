import { requireCustomerPageScope } from "@/lib/auth/get-scope";
import { listNotifications, MAX_NOTIFICATION_PAGE, NOTIFICATIONS_PAGE_SIZE } from "@/lib/alerts/list-notifications";
import { countUnreadNotifications } from "@/lib/alerts/count-unread-notifications";
import { NotificationsView } from "@/components/alerts/notifications-view";

export const metadata = { title: "Notifications" };

export default async function CustomerNotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const scope = await requireCustomerPageScope();
  const requested = Number((await searchParams).page ?? "1");
  const page = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, MAX_NOTIFICATION_PAGE) : 1;
  // The reader's own notifications: alerts its partner chose to send to the customer's users.
  const [{ rows, total }, unread] = await Promise.all([listNotifications(scope, { page }), countUnreadNotifications(scope)]);
  return (
    <NotificationsView
      rows={rows}
      total={total}
      unread={unread}
      page={page}
      pageCount={Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)}
      audience="customer"
      description={`Budget and anomaly alerts on ${scope.customerName ?? "your"} costs at ${scope.partnerName}'s prices, with the rule that raised each one.`}
    />
  );
}
