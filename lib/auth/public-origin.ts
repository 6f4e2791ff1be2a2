import "server-only";

/** The origin the portal is served at (NEXTAUTH_URL), or null when it isn't configured. */
export function publicOrigin(): URL | null {
  const configured = process.env.NEXTAUTH_URL;
  if (!configured) return null;
  try {
    return new URL(configured);
  } catch {
    return null;
  }
}
