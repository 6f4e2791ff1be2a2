import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-sm text-slate-600">It doesn&apos;t exist, or it isn&apos;t part of your organisation.</p>
        <Link href="/dashboard" className="text-sm font-medium text-brand-600 hover:underline">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
