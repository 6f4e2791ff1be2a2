import Link from "next/link";

export const metadata = { title: "Not allowed" };

// Inside the portal layout: the navigation stays, so the user goes on to a page their role opens.
export default function ForbiddenPage() {
  return (
    <div className="flex justify-center py-16">
      <div className="max-w-md space-y-3 text-center">
        <p className="text-sm font-semibold text-brand-600">403</p>
        <h1 className="text-2xl font-semibold">Your role can&apos;t open this page</h1>
        <p className="text-sm text-slate-600">
          The menu shows the pages your role opens. Ask an admin agent of your organisation for access, or go back to your dashboard.
        </p>
        <Link href="/dashboard" className="text-sm font-medium text-brand-600 hover:underline">
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}
