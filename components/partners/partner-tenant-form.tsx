"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { setPartnerTenantIdAction } from "@/lib/partners/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formValues, useActionForm } from "@/components/ui/use-action-form";

/** Sets the partner's Microsoft Entra directory (tenant) id. */
export function PartnerTenantForm({ directoryTenantId }: { directoryTenantId: string | null }) {
  const router = useRouter();
  const { error, pending, submit, fieldError } = useActionForm(
    setPartnerTenantIdAction,
    () => router.refresh(),
    () => "Directory tenant ID saved.",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(formValues(event.currentTarget));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Set the directory tenant ID">
      <FormError error={error} />
      <TextField
        label="Directory tenant ID"
        name="directoryTenantId"
        defaultValue={directoryTenantId ?? ""}
        maxLength={36}
        placeholder="00000000-0000-0000-0000-000000000000"
        hint="Your Microsoft Entra tenant (for Azure Partner Shared Services, your shared-services tenant). Recon files use it as PartnerId, and as CustomerId of usage billed to your own default subscription."
        error={fieldError("directoryTenantId")}
        spellCheck={false}
        autoComplete="off"
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
