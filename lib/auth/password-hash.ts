// One bcrypt cost for every stored password and for the dummy hash sign-in compares unknown emails
// against: with different costs the response time would tell which emails have an account.
// Pure (no "server-only"): the demo seed hashes with it too.
import bcrypt from "bcryptjs";

export const PASSWORD_BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_BCRYPT_COST);
}
