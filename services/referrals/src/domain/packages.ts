import { DomainError, errors } from '@liaison/domain';
import type { ReferralsContext } from './context.ts';

/** Another service reached over HTTP: its app's `fetch` in-process when embedded, an HTTP client when distributed. */
export type ServiceFetch = (request: Request) => Promise<Response>;

/** What the intake service tells the sealing body of one of its packages (ids and codes only). */
export interface SealInfo {
  id: string;
  caseId: string;
  owner: string;
  recipient: string;
  purgedAt: string | null;
}

/** Looks up a package sealed by the caller's body; undefined when there is none (or it is another body's). */
export type PackageLookup = (packageId: string) => Promise<SealInfo | undefined>;

const unavailable = () =>
  new DomainError('UPSTREAM_UNAVAILABLE', 'unavailable', 'the intake service could not confirm the package; nothing was stored, try again');

/**
 * Asks the intake service, as the caller (its own token forwarded), about a package its body
 * sealed. Intake answers only the sealing body, so another body's package is simply not found.
 */
export function intakePackageLookup(intake: ServiceFetch, authorization: string, requestId?: string): PackageLookup {
  return async (packageId) => {
    let res: Response;
    try {
      res = await intake(
        new Request(`http://intake/v1/packages/${encodeURIComponent(packageId)}/seal-info`, {
          headers: { authorization, ...(requestId ? { 'x-request-id': requestId } : {}) },
        }),
      );
    } catch {
      throw unavailable();
    }
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw unavailable();
    return (await res.json()) as SealInfo;
  };
}

/**
 * What is wrong with a package for a referral, or undefined when it is real: sealed by the sender's
 * body, to this recipient, for the named case, and not purged. Another body's package reads as no
 * package at all (its existence is not disclosed).
 */
export async function packageProblem({
  ctx,
  packageId,
  caseId,
  recipient,
}: {
  ctx: ReferralsContext;
  packageId: string;
  caseId: string;
  recipient: string;
}): Promise<string | undefined> {
  // A deployment without the intake service cannot check packages: it refuses them rather than trust them.
  if (!ctx.packages)
    throw new DomainError(
      'UPSTREAM_UNAVAILABLE',
      'unavailable',
      'packages cannot be checked here: this referrals service has no intake service (INTAKE_URL)',
    );
  const info = await ctx.packages(packageId);
  if (!info) return `no package ${packageId} sealed by ${ctx.actor.agency}`;
  if (info.recipient !== recipient) return `package ${packageId} was sealed to ${info.recipient}, not to ${recipient}`;
  if (info.caseId !== caseId) return `package ${packageId} was sealed for another case than ${caseId}`;
  if (info.purgedAt) return `package ${packageId} was purged at ${info.purgedAt} (consent revoked)`;
  return undefined;
}

/** A referral carries only a real package (see packageProblem); anything else is refused with 400 naming `packageId`. */
export async function requireRealPackage(args: {
  ctx: ReferralsContext;
  packageId: string;
  caseId: string;
  recipient: string;
}): Promise<void> {
  const problem = await packageProblem(args);
  if (problem) throw errors.validation([{ field: 'packageId', problem: `${problem}; seal one with POST /v1/cases/{id}/packages` }]);
}
