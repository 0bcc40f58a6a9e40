// Generated from schemas/events by `pnpm gen`. Do not edit by hand.
/* eslint-disable */

/**
 * Registry code of a council body, e.g. center, sia.
 */
export type AgencyCode = string

/**
 * A member body referred (or transferred) a case to another member. Ids and codes only: no personal data, no free text, no URL.
 */
export interface ReferralCreatedV1 {
/**
 * The referral (FHIR Task) id; also the event subject and partition key.
 */
referralId: string
sender: AgencyCode
recipient: AgencyCode
/**
 * referral: the sender keeps the case; transfer: ownership moves.
 */
kind: ("referral" | "transfer")
/**
 * Taxonomy category code, e.g. R01.
 */
category: string
status: ("draft" | "requested")
urgent?: boolean
createdAt: string
}

/** Event data by CloudEvents `type`. */
export interface EventDataByType {
  'jp.liaison.referral.created.v1': ReferralCreatedV1;
}
