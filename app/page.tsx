import { redirect } from "next/navigation";
import { getCurrentScope } from "@/lib/auth/get-scope";
import { isCustomerScope } from "@/lib/auth/partner-scope";

export default async function HomePage() {
  const scope = await getCurrentScope();
  // A customer's users have their own portal; the partner's dashboard doesn't exist for them.
  redirect(scope && isCustomerScope(scope) ? "/my/costs" : "/dashboard");
}
