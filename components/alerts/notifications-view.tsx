import type { NotificationRow } from "@/lib/alerts/list-notifications";
import { PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { NotificationList } from "./notification-list";
import { MarkReadButton } from "./notification-read-buttons";

/** A notifications page: header with "Mark all read", the list, paging; the partner's (/notifications) or a customer reader's (/my/notifications). */
export function NotificationsView({
  rows,
  total,
  unread,
  page,
  pageCount,
  description,
  audience,
}: {
  rows: NotificationRow[];
  total: number;
  unread: number;
  page: number;
  pageCount: number;
  description: string;
  audience: "partner" | "customer";
}) {
  const path = audience === "customer" ? "/my/notifications" : "/notifications";
  return (
    <>
      <PageHeader
        title="Notifications"
        description={description}
        actions={unread > 0 ? <MarkReadButton label={`Mark all read (${unread})`} audience={audience} /> : null}
      />
      <NotificationList rows={rows} audience={audience} />
      {pageCount > 1 ? (
        <Pagination page={page} pageCount={pageCount} total={total} noun="notifications" hrefFor={(target) => `${path}?page=${target}`} />
      ) : null}
    </>
  );
}
