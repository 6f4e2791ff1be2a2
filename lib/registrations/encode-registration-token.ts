// Writes a registration token as a stamp's Get-AzsRegistrationToken would (base64 of the JSON
// content); the stamp simulator and the tests use it. decodeRegistrationToken reads it back.
import { registrationTokenContentSchema, type RegistrationTokenInput } from "./registration-token-content";

export function encodeRegistrationToken(content: RegistrationTokenInput): string {
  const checked = registrationTokenContentSchema.parse(content);
  return Buffer.from(JSON.stringify({ ...content, CloudId: checked.CloudId, ObjectId: checked.ObjectId }), "utf8").toString("base64");
}
