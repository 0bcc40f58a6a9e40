// Generated from schemas/packages/package-content.v1.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */

/**
 * What a sealed package holds once opened (UTF-8 JSON): the sending body's case, its category, and the personal data shared under consent or a legal ground. Keep it in your body's own systems; delete it when told (jp.liaison.consent.revoked.v1).
 */
export interface PackageContentV1 {
  /**
   * The sending body's case (also bound into the package's HPKE info).
   */
  caseId: string;
  /**
   * Taxonomy category code, e.g. R01.
   */
  category: string;
  /**
   * The URLs of the case, as recorded.
   */
  urls: string[];
  /**
   * The consultation's free text.
   */
  summary: string | null;
  /**
   * The person concerned; each field only when recorded.
   */
  person: {
    name?: string;
    contact?: string;
    school?: string;
  };
}
