import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentScope } from "@/lib/auth/get-scope";
import { SignInForm } from "@/components/auth/sign-in-form";
import { StackcenterLogo } from "@/components/shell/stackcenter-logo";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getCurrentScope()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: never bounce a signed-in user to another origin.
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <main className="grid min-h-screen lg:grid-cols-2">
      <section className="hidden flex-col justify-between bg-brand-900 p-12 text-white lg:flex">
        <StackcenterLogo inverted />
        <div className="max-w-md space-y-4">
          <h2 className="text-3xl font-semibold leading-tight">Bill Azure Stack Hub usage to the right customer, every hour.</h2>
          <p className="text-brand-100">
            Registrations, customer tenants, the usage pipeline, the Azure Stack price list and your recon files — one portal for direct CSPs, distributors and
            their resellers.
          </p>
        </div>
        <p className="text-sm text-brand-100/80">Stackcenter · Cloud Solution Provider portal for Azure Stack Hub</p>
      </section>
      <section className="flex items-center justify-center p-6">
        <div className="w-full max-w-sm space-y-6">
          <div className="lg:hidden">
            <StackcenterLogo />
          </div>
          <div>
            <h1 className="text-2xl font-semibold">Sign in to Stackcenter</h1>
            <p className="mt-1 text-sm text-slate-600">Use your partner work account.</p>
          </div>
          <SignInForm callbackUrl={next} />
        </div>
      </section>
    </main>
  );
}
