"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { removePartnerLogoAction, setPartnerLogoAction } from "@/lib/partners/actions";
import { PARTNER_LOGO_TYPES } from "@/lib/partners/partner-logo-schemas";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/ui/use-action-form";

/** base64 of a file's bytes, in chunks (String.fromCharCode over 100 KB at once overflows the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let index = 0; index < bytes.length; index += 8192) binary += String.fromCharCode(...bytes.subarray(index, index + 8192));
  return btoa(binary);
}

/** Uploads or removes the partner's logo (PNG, SVG or JPEG, at most 100 KB), shown in its customers' portal. */
export function PartnerLogoForm({ logoVersion }: { logoVersion: string | null }) {
  const router = useRouter();
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useActionForm(
    setPartnerLogoAction,
    () => router.refresh(),
    () => "Logo saved.",
  );
  const remove = useActionForm(
    removePartnerLogoAction,
    () => router.refresh(),
    () => "Logo removed.",
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFileError(null);
    const file = (event.currentTarget.elements.namedItem("logo") as HTMLInputElement | null)?.files?.[0];
    if (!file) return setFileError("Choose an image file.");
    upload.submit({ contentType: file.type, dataBase64: await base64Of(file) });
  }

  const logoError = fileError ?? upload.fieldError("logo") ?? upload.fieldError("dataBase64") ?? upload.fieldError("contentType");
  return (
    <div className="space-y-4">
      {logoVersion ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/api/partner-logo?v=${logoVersion}`} alt="Current logo" className="h-12 max-w-48 object-contain" data-testid="current-logo" />
      ) : (
        <p className="text-sm text-slate-600">No logo: your customers&apos; portal shows your name only.</p>
      )}
      <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Upload a logo">
        <FormError error={upload.error} />
        <label className="block text-sm font-medium text-slate-700">
          Logo file
          <input
            type="file"
            name="logo"
            accept={PARTNER_LOGO_TYPES.join(",")}
            className="mt-1 block w-full text-sm"
            aria-invalid={logoError ? true : undefined}
            aria-describedby="logo-hint"
          />
        </label>
        <p id="logo-hint" className={`text-xs ${logoError ? "text-red-700" : "text-slate-500"}`}>
          {logoError ?? "PNG, SVG or JPEG, at most 100 KB. Shown to your customers' users in their portal."}
        </p>
        <div className="flex gap-2">
          <Button type="submit" disabled={upload.pending}>
            {upload.pending ? "Uploading…" : "Upload logo"}
          </Button>
          {logoVersion ? (
            <Button type="button" variant="secondary" disabled={remove.pending} onClick={() => remove.submit({})}>
              Remove logo
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
