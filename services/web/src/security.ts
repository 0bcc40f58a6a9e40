import { randomBytes } from 'node:crypto';
import type { Actor } from '@liaison/auth';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The pages' content security policy: everything from the platform itself, nothing inline, no
 * third-party origin, never framed. (The REST frame keeps `default-src 'none'` on `/v1/*`.)
 */
export const pagePolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * GraphiQL's page (development only): its editor (Monaco) adds styles at run time and loads fonts
 * as data: URLs, so this page alone allows inline styles — still no inline script, nothing from
 * another origin.
 */
export const graphiqlPolicy = {
  ...pagePolicy,
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  imgSrc: ["'self'", 'data:'],
  workerSrc: ["'self'"],
};

/**
 * Security headers for every page and asset the web face serves. Referrers go to this origin only
 * (`same-origin`): with `no-referrer` browsers post forms with `Origin: null`, which hides the origin check.
 */
export function pageHeaders(policy: Record<string, string[]> = pagePolicy): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: policy,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
  });
}

/** Loopback hosts: the only ones a session cookie may travel to without `Secure` (plain http on one's own machine). */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Whether cookies set by this request must be `Secure`: always, except on loopback. */
export const secureCookies = (c: Context): boolean => !isLoopback(new URL(c.req.url).hostname);

export const SESSION_COOKIE = 'lia_session';
export const LANG_COOKIE = 'lia_lang';
/** Double-submit token for the forms shown before sign-in (the sign-in form, the language switch). */
export const CSRF_COOKIE = 'lia_csrf';

/** Sets a cookie the pages rely on: HttpOnly, SameSite=Strict, Path=/, Secure unless on loopback. */
export function setPageCookie(c: Context, name: string, value: string, maxAgeSeconds: number): void {
  setCookie(c, name, value, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureCookies(c), maxAge: maxAgeSeconds });
}

/** Deletes a cookie set by `setPageCookie`. */
export function clearPageCookie(c: Context, name: string): void {
  setCookie(c, name, '', { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureCookies(c), maxAge: 0 });
}

/** The pre-session CSRF token of this browser, made (and set as a cookie) on first need. */
export function anonymousCsrf(c: Context): string {
  const given = getCookie(c, CSRF_COOKIE);
  if (given && /^[A-Za-z0-9_-]{32}$/.test(given)) return given;
  const made = randomBytes(24).toString('base64url');
  setPageCookie(c, CSRF_COOKIE, made, 24 * 3600);
  return made;
}

/**
 * A form post must come from our own pages: when the browser says where it comes from (Origin,
 * Sec-Fetch-Site), that must be this origin. The token check comes on top (see the form handlers).
 */
export function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  // `Origin: null` is what a browser sends when it will not say (a no-referrer policy); then only
  // its own statement that the post is same-origin lets it through.
  if (origin === 'null') return site === 'same-origin';
  if (origin && origin !== new URL(c.req.url).origin) return false;
  return true;
}

/** The parts of the web face. Roles decide which exist for whom. */
export type Area = 'releases' | 'mine' | 'secretariat' | 'meetings';

/**
 * Which areas a person may open. The same rules the services apply to the APIs under them:
 * releases for observers and member bodies' caseworkers, supervisors and secretariat; own-body
 * live figures (and the inbox) for member caseworkers and supervisors; the release job for the
 * secretariat role of the secretariat body; council meetings for observers and member bodies'
 * caseworkers, supervisors and secretariat. Administrators manage tokens through the API only.
 */
export function areasFor(actor: Actor): Area[] {
  const areas: Area[] = [];
  if (['observer', 'caseworker', 'supervisor', 'secretariat'].includes(actor.role)) areas.push('releases');
  if (actor.agencyRoles.includes('member') && ['caseworker', 'supervisor'].includes(actor.role)) areas.push('mine');
  if (actor.role === 'secretariat' && actor.agencyRoles.includes('secretariat')) areas.push('secretariat');
  if (
    actor.role === 'observer' ||
    (actor.agencyRoles.includes('member') && ['caseworker', 'supervisor', 'secretariat'].includes(actor.role))
  )
    areas.push('meetings');
  return areas;
}

/** A path inside the platform to go back to after a form (never another origin, never `//host`). */
export function localPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n\t]/.test(next)) return fallback;
  return next;
}
