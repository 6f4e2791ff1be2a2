// Reads a pasted or PUT registration token (see registration-token-content.ts). Every way a token
// can be wrong gets its own sentence, so an operator knows whether the paste was cut short, the
// wrong text was copied, or the stamp's values don't fit a CSP registration.
import { DomainError } from "../errors";
import { registrationTokenContentSchema, type RegistrationTokenContent } from "./registration-token-content";

export const INVALID_REGISTRATION_TOKEN = "InvalidRegistrationToken";

const MAX_TOKEN_CHARS = 16 * 1024;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function invalidToken(reason: string): DomainError {
  return new DomainError(INVALID_REGISTRATION_TOKEN, `The registration token is not valid: ${reason}`, {
    status: 400,
    fields: { registrationToken: reason },
  });
}

export function decodeRegistrationToken(token: string): RegistrationTokenContent {
  // People paste tokens from PowerShell windows, which wrap them: white space is not part of one.
  const compact = token.replace(/\s+/g, "");
  if (!compact) throw invalidToken("it is empty. Paste the output of Get-AzsRegistrationToken.");
  if (compact.length > MAX_TOKEN_CHARS) throw invalidToken(`it is longer than ${MAX_TOKEN_CHARS} characters.`);
  if (!BASE64.test(compact)) throw invalidToken("it is not base64 text. Copy the whole output of Get-AzsRegistrationToken.");
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(compact, compact.includes("-") || compact.includes("_") ? "base64url" : "base64").toString("utf8"));
  } catch {
    throw invalidToken("it does not decode to the stamp's registration details (it may be cut short).");
  }
  if (typeof content !== "object" || content === null || Array.isArray(content)) {
    throw invalidToken("it does not decode to the stamp's registration details.");
  }
  const parsed = registrationTokenContentSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidToken(issue.message);
  }
  if (parsed.data.BillingModel === "Development") {
    throw invalidToken("its BillingModel is Development (an Azure Stack Development Kit), which is not billed through a CSP. Register with PayAsYouUse.");
  }
  if (parsed.data.BillingModel === "Capacity" && !parsed.data.AgreementNumber) {
    throw invalidToken("a Capacity token must carry the AgreementNumber of the capacity purchase.");
  }
  return parsed.data;
}
