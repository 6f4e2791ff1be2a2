"use client";
import { revokeApiTokenAction } from "@/lib/api-tokens/actions";
import { ConfirmRevokeButton } from "@/components/ui/confirm-revoke-button";

export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return <ConfirmRevokeButton name={name} warning="Scripts using it stop working at once." revoke={() => revokeApiTokenAction({ tokenId })} />;
}
