// Pure (no "server-only"): proxy.ts builds the headers outside React's server bundle.

export interface SecurityHeaderOptions {
  /** The per-request nonce Next puts on its own <script> tags. */
  nonce: string;
  /** next dev evaluates modules with eval() for fast refresh. */
  dev: boolean;
  /** Whether the public origin is https (HSTS and upgrade-insecure-requests only then). */
  https: boolean;
}

/**
 * The Content-Security-Policy and the other security headers of every page and API response.
 * Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic').
 * Styles: 'unsafe-inline', because Recharts and React `style` props write style attributes, which a
 * nonce can't cover (and a nonce in style-src would switch 'unsafe-inline' off); style injection
 * can't run script.
 */
export function buildSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": policy,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
