import { createHmac } from 'node:crypto';
import { type CloudEvent, makeEvent } from '@liaison/events';
import { addMonths, jstMonth } from '../domain/periods.ts';

/**
 * Synthetic statistics at realistic volumes, deterministic from a seed. The mixes follow what the
 * bodies publish: the Consultation Center about 6,400 consultations a year with defamation and
 * privacy leading; SIA a few thousand defamation reports; the Internet Hotline Center about 550,000
 * reports a year, mostly illegal information; Tokyo and the consumer counselors fewer.
 *
 * The generator yields CloudEvents exactly as the services emit them (case facts, action outcomes,
 * statutory clock misses, referrals and their status changes, missed referral deadlines), so the
 * same stream feeds the event path (the consumer) and the bulk path (COPY), which must agree.
 */

/** sfc32: a small, fast, well-distributed PRNG; the same seed always gives the same stream. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162;
  let d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

type Mix = readonly (readonly [string, number])[];

function pick(rand: () => number, mix: Mix): string {
  let total = 0;
  for (const [, w] of mix) total += w;
  let x = rand() * total;
  for (const [v, w] of mix) {
    x -= w;
    if (x < 0) return v;
  }
  return mix[mix.length - 1]![0];
}

interface BodyProfile {
  /** Consultations (reports) a year at full scale. */
  perYear: number;
  categories: Mix;
  platforms: Mix;
  consulters: Mix;
  /** Share of cases about a victim under 18. */
  under18: number;
  requested: Mix;
  /** Share of cases on which the body itself acts towards a platform (an action with an outcome). */
  acts: number;
  /** Referrals sent, as a share of consultations, and to whom. */
  refers: number;
  recipients: Mix;
  /** Share of cases whose URLs another body also sees. */
  sharedUrls: number;
}

/** Body profiles by registry code (volumes from the bodies' published figures, rounded). */
export const profiles: Record<string, BodyProfile> = {
  center: {
    perYear: 6_400,
    categories: [
      ['R01', 32],
      ['R03', 20],
      ['R02', 9],
      ['R04', 6],
      ['R06', 5],
      ['P01', 8],
      ['P02', 6],
      ['P03', 2],
      ['B01', 4],
      ['R05', 2],
      ['R08', 3],
      ['R09', 1],
      ['C01', 1],
      ['Z99', 1],
    ],
    platforms: [
      ['SNS', 40],
      ['BBS', 15],
      ['VID', 10],
      ['MIR', 8],
      ['REV', 10],
      ['BLG', 5],
      ['QA', 4],
      ['SRC', 4],
      ['OTH', 4],
    ],
    consulters: [
      ['SELF', 70],
      ['FAM', 8],
      ['GRD', 6],
      ['ORG', 10],
      ['LAW', 3],
      ['SCH', 2],
      ['ANO', 1],
    ],
    under18: 0.07,
    requested: [
      ['advice', 70],
      ['self-request', 20],
      ['art25-request', 6],
      ['disclosure', 4],
    ],
    acts: 0.08,
    refers: 0.04,
    recipients: [
      ['sia', 70],
      ['hotline', 20],
      ['consumer', 5],
      ['tokyo', 5],
    ],
    sharedUrls: 0.08,
  },
  sia: {
    perYear: 3_000,
    categories: [
      ['R01', 58],
      ['R02', 16],
      ['R03', 14],
      ['B01', 6],
      ['R04', 6],
    ],
    platforms: [
      ['SNS', 55],
      ['BBS', 15],
      ['VID', 12],
      ['MIR', 10],
      ['QA', 4],
      ['OTH', 4],
    ],
    consulters: [
      ['SELF', 60],
      ['GRD', 20],
      ['SCH', 10],
      ['FAM', 10],
    ],
    under18: 0.25,
    requested: [
      ['notice-on-behalf', 80],
      ['art25-request', 15],
      ['advice', 5],
    ],
    acts: 0.7,
    refers: 0.01,
    recipients: [
      ['center', 80],
      ['hotline', 20],
    ],
    sharedUrls: 0.1,
  },
  hotline: {
    perYear: 550_000,
    categories: [
      ['I01', 30],
      ['I04', 14],
      ['I06', 10],
      ['I03', 8],
      ['H01', 12],
      ['I02', 5],
      ['I05', 5],
      ['I07', 4],
      ['H02', 5],
      ['H03', 1],
      ['I08', 1],
      ['R01', 3],
      ['Z99', 2],
    ],
    platforms: [
      ['SNS', 45],
      ['BBS', 20],
      ['MIR', 10],
      ['VID', 8],
      ['ADV', 5],
      ['EC', 5],
      ['MAT', 4],
      ['OTH', 3],
    ],
    consulters: [
      ['ANO', 70],
      ['SELF', 10],
      ['ORG', 10],
      ['PRV', 5],
      ['AGY', 5],
    ],
    under18: 0.02,
    requested: [
      ['police', 60],
      ['self-request', 40],
    ],
    acts: 0.05,
    refers: 0.0005,
    recipients: [
      ['center', 60],
      ['sia', 40],
    ],
    sharedUrls: 0.002,
  },
  tokyo: {
    perYear: 1_500,
    categories: [
      ['B01', 28],
      ['R01', 28],
      ['R03', 20],
      ['R04', 10],
      ['H02', 4],
      ['Z99', 10],
    ],
    platforms: [
      ['SNS', 60],
      ['MSG', 15],
      ['VID', 10],
      ['GAM', 5],
      ['BBS', 5],
      ['OTH', 5],
    ],
    consulters: [
      ['SELF', 35],
      ['GRD', 35],
      ['SCH', 20],
      ['FAM', 10],
    ],
    under18: 0.45,
    requested: [
      ['advice', 85],
      ['self-request', 15],
    ],
    acts: 0.05,
    refers: 0.05,
    recipients: [
      ['sia', 50],
      ['center', 50],
    ],
    sharedUrls: 0.05,
  },
  consumer: {
    perYear: 2_000,
    categories: [
      ['C01', 70],
      ['I05', 15],
      ['R01', 5],
      ['Z99', 10],
    ],
    platforms: [
      ['EC', 40],
      ['ADV', 20],
      ['SNS', 20],
      ['MAT', 10],
      ['OTH', 10],
    ],
    consulters: [
      ['SELF', 80],
      ['FAM', 15],
      ['ORG', 5],
    ],
    under18: 0.03,
    requested: [
      ['advice', 95],
      ['police', 5],
    ],
    acts: 0.02,
    refers: 0.02,
    recipients: [
      ['center', 70],
      ['hotline', 30],
    ],
    sharedUrls: 0.02,
  },
};

/** Which platform types designated large platforms run, with their operators (2025-04-30 designations). */
const designation: Record<string, { share: number; operators: Mix }> = {
  SNS: {
    share: 0.6,
    operators: [
      ['X Corp.', 40],
      ['Meta Platforms', 30],
      ['LINEヤフー', 15],
      ['TikTok', 15],
    ],
  },
  VID: {
    share: 0.75,
    operators: [
      ['Google (YouTube)', 70],
      ['TikTok', 30],
    ],
  },
  QA: { share: 0.5, operators: [['LINEヤフー', 100]] },
  MSG: { share: 0.3, operators: [['LINEヤフー', 100]] },
};

const outcomes: Record<string, Mix> = {
  'art25-request': [
    ['deleted', 45],
    ['partly-deleted', 8],
    ['restricted', 7],
    ['not-deleted', 30],
    ['extended', 10],
  ],
  'deletion-request': [
    ['deleted', 55],
    ['partly-deleted', 10],
    ['not-deleted', 25],
    ['no-response', 10],
  ],
  'notice-on-behalf': [
    ['deleted', 50],
    ['not-deleted', 30],
    ['no-response', 20],
  ],
};

export interface SyntheticOptions {
  seed: number;
  /** First and last month (`YYYY-MM`) of data. */
  from: string;
  to: string;
  /** Multiplies every body's yearly volume (1 = full scale: ~563,000 consultations a year). */
  scale: number;
  /** Instants after this are not generated (today, for a demo). */
  until?: Date;
  /** The council key URLs are hashed under (keyed hashes, as intake makes them). */
  councilKey?: Buffer;
  /** Multiplies one body's volume (tests: fewer hotline reports, so the small bodies show). */
  bodyScale?: Record<string, number>;
  /** Multiplies every body's referral rate (tests: enough referrals in a small sample). */
  referralBoost?: number;
}

const hex8 = (x: number) => (Math.floor(x * 4294967296) >>> 0).toString(16).padStart(8, '0');

/** A deterministic UUID (v4 layout) from the PRNG: four draws of 32 bits. */
function uuid(rand: () => number): string {
  const a = hex8(rand());
  const b = hex8(rand());
  const c = hex8(rand());
  const d = hex8(rand());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[Number.parseInt(c[0]!, 16) & 3]}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

const DAY = 86_400_000;

/** How many consultations of each body fall in `month` at `scale` (deterministic rounding). */
export function monthlyVolume(body: string, scale: number): number {
  return Math.round(((profiles[body]?.perYear ?? 0) * scale) / 12);
}

/** The expected number of consultations over the options' months (for progress bars). */
export function expectedConsultations(options: SyntheticOptions): number {
  let months = 0;
  for (let m = options.from; m <= options.to; m = addMonths(m, 1)) months++;
  return Object.keys(profiles).reduce((sum, b) => sum + monthlyVolume(b, options.scale * (options.bodyScale?.[b] ?? 1)) * months, 0);
}

/**
 * Yields the events of each month, month by month, in batches of at most `batch` events. Events
 * of one month may carry times in later months (a referral completed next month): the consumer
 * counts each in the month its time falls in.
 */
export function* syntheticEvents(options: SyntheticOptions, batch = 5000): Generator<CloudEvent[]> {
  const key = options.councilKey ?? Buffer.alloc(32, 7);
  const until = options.until?.getTime() ?? Number.POSITIVE_INFINITY;
  let out: CloudEvent[] = [];
  // A pool of URL hashes recently seen, so that some URLs are reported to several bodies.
  const recentUrls: string[] = [];
  let urlSerial = 0;
  for (let month = options.from; month <= options.to; month = addMonths(month, 1)) {
    const rand = prng(options.seed * 1_000_003 + Number(month.replace('-', '')));
    const start = Date.parse(`${month}-01T00:00:00+09:00`);
    const end = Date.parse(`${addMonths(month, 1)}-01T00:00:00+09:00`);
    for (const [body, p] of Object.entries(profiles)) {
      const n = monthlyVolume(body, options.scale * (options.bodyScale?.[body] ?? 1));
      for (let i = 0; i < n; i++) {
        const at = start + Math.floor(rand() * (end - start));
        if (at > until) {
          rand();
          continue;
        }
        const caseId = uuid(rand);
        const category = pick(rand, p.categories);
        const platformType = pick(rand, p.platforms);
        const d = designation[platformType];
        const designated = d ? rand() < d.share : false;
        const operator = designated && d ? pick(rand, d.operators) : undefined;
        const consulter = pick(rand, p.consulters);
        const under18 = rand() < p.under18 || (category === 'I02' && rand() < 0.8);
        const requested = [pick(rand, p.requested)];
        if (rand() < 0.1) requested.push(pick(rand, p.requested));
        const urlHashes: string[] = [];
        const urls = rand() < 0.8 ? 1 + Math.floor(rand() * 2) : 0;
        for (let u = 0; u < urls; u++) {
          if (recentUrls.length > 0 && rand() < p.sharedUrls) urlHashes.push(recentUrls[Math.floor(rand() * recentUrls.length)]!);
          else {
            const h = createHmac('sha256', key).update(`https://example.jp/${options.seed}/${urlSerial++}`).digest('base64url');
            urlHashes.push(h);
            if (recentUrls.length < 2000) recentUrls.push(h);
            else recentUrls[Math.floor(rand() * 2000)] = h;
          }
        }
        const time = new Date(at);
        out.push(
          makeEvent({
            type: 'jp.liaison.case.fact.v1',
            id: uuid(rand),
            source: `/agencies/${body}`,
            subject: caseId,
            time,
            data: {
              caseId,
              agency: body,
              month: jstMonth(time),
              category,
              platformType,
              designatedPlatform: designated,
              ...(operator ? { operator } : {}),
              consulter,
              victimUnder18: under18,
              requestedActions: [...new Set(requested)],
              urlHashes: [...new Set(urlHashes)],
              version: 1,
            },
          }),
        );
        if (rand() < p.acts) out.push(...caseAction(rand, { caseId, body, category, designated, operator, at, until }));
        if (rand() < p.refers * (options.referralBoost ?? 1))
          out.push(...referral(rand, { body, recipient: pick(rand, p.recipients), category, at, until }));
        if (out.length >= batch) {
          yield out;
          out = [];
        }
      }
    }
  }
  if (out.length > 0) yield out;
}

function caseAction(
  rand: () => number,
  c: { caseId: string; body: string; category: string; designated: boolean; operator: string | undefined; at: number; until: number },
): CloudEvent[] {
  const action = c.designated && rand() < 0.6 ? 'art25-request' : c.body === 'sia' ? 'notice-on-behalf' : 'deletion-request';
  const actionId = uuid(rand);
  const requestedAt = c.at + Math.floor(rand() * 2 * DAY);
  const clock = action === 'art25-request' ? ('art25-decision' as const) : undefined;
  const decidedAt =
    requestedAt + Math.floor((action === 'art25-request' ? (rand() < 0.88 ? rand() * 6.5 : 7.5 + rand() * 10) : rand() * 20) * DAY);
  const dueAt = requestedAt + 7 * DAY;
  const events: CloudEvent[] = [];
  if (clock && decidedAt > dueAt && dueAt <= c.until) {
    events.push(
      makeEvent({
        type: 'jp.liaison.case.clock_missed.v1',
        id: uuid(rand),
        source: `/agencies/${c.body}`,
        subject: c.caseId,
        time: new Date(dueAt + 60_000),
        data: {
          caseId: c.caseId,
          actionId,
          agency: c.body,
          action,
          clock,
          designatedPlatform: c.designated,
          dueAt: new Date(dueAt).toISOString(),
        },
      }),
    );
  }
  const outcome = pick(rand, outcomes[action]!);
  if (decidedAt <= c.until) {
    events.push(
      makeEvent({
        type: 'jp.liaison.case.action_outcome.v1',
        id: uuid(rand),
        source: `/agencies/${c.body}`,
        subject: c.caseId,
        time: new Date(decidedAt),
        data: {
          caseId: c.caseId,
          actionId,
          agency: c.body,
          action,
          outcome,
          category: c.category,
          designatedPlatform: c.designated,
          ...(c.designated && c.operator ? { operator: c.operator } : {}),
          ...(clock ? { clock, withinClock: decidedAt <= dueAt } : {}),
          requestedAt: new Date(requestedAt).toISOString(),
          decidedAt: new Date(decidedAt).toISOString(),
        },
      }),
    );
  }
  return events;
}

function referral(rand: () => number, r: { body: string; recipient: string; category: string; at: number; until: number }): CloudEvent[] {
  const referralId = uuid(rand);
  const createdAt = r.at + Math.floor(rand() * DAY);
  if (createdAt > r.until) return [];
  const kind = rand() < 0.85 ? 'referral' : 'transfer';
  const events: CloudEvent[] = [
    makeEvent({
      type: 'jp.liaison.referral.created.v1',
      id: uuid(rand),
      source: `/agencies/${r.body}`,
      subject: referralId,
      time: new Date(createdAt),
      data: {
        referralId,
        sender: r.body,
        recipient: r.recipient,
        kind,
        category: r.category,
        status: 'requested',
        createdAt: new Date(createdAt).toISOString(),
      },
    }),
  ];
  // Received in 0–4 days, decided 0–6 days later, completed 2–40 days after that (or rejected).
  const steps: { to: 'received' | 'accepted' | 'rejected' | 'completed'; after: number; by: string }[] = [
    { to: 'received', after: rand() * 4 * DAY, by: r.recipient },
    rand() < 0.85
      ? { to: 'accepted', after: rand() * 6 * DAY, by: r.recipient }
      : { to: 'rejected', after: rand() * 6 * DAY, by: r.recipient },
  ];
  if (steps[1]!.to === 'accepted' && rand() < 0.9) steps.push({ to: 'completed', after: (2 + rand() * 38) * DAY, by: r.recipient });
  // Clocks (business days in the real service; calendar days here): acknowledge 2, decide 5, complete 30.
  const due = { acknowledge: createdAt + 2 * DAY, decide: createdAt + 5 * DAY, complete: createdAt + 30 * DAY };
  const reachedAt: Partial<Record<keyof typeof due, number>> = {};
  let t = createdAt;
  let from = 'requested';
  let version = 1;
  for (const s of steps) {
    t += Math.floor(s.after);
    if (s.to === 'received') reachedAt.acknowledge = t;
    if (s.to === 'accepted' || s.to === 'rejected') reachedAt.decide = t;
    if (s.to === 'completed' || s.to === 'rejected') reachedAt.complete = t;
    if (t > r.until) break;
    version++;
    events.push(
      makeEvent({
        type: 'jp.liaison.referral.status_changed.v1',
        id: uuid(rand),
        source: `/agencies/${s.by}`,
        subject: referralId,
        time: new Date(t),
        data: {
          referralId,
          sender: r.body,
          recipient: r.recipient,
          from: from as 'requested',
          to: s.to,
          changedBy: s.by,
          version,
          changedAt: new Date(t).toISOString(),
        },
      }),
    );
    from = s.to;
  }
  for (const clock of ['acknowledge', 'decide', 'complete'] as const) {
    const reached = reachedAt[clock];
    if ((reached === undefined || reached > due[clock]) && due[clock] + 60_000 <= r.until) {
      events.push(
        makeEvent({
          type: 'jp.liaison.deadline.missed.v1',
          id: uuid(rand),
          source: '/agencies/center',
          subject: referralId,
          time: new Date(due[clock] + 60_000),
          data: {
            deadlineId: uuid(rand),
            referralId,
            sender: r.body,
            recipient: r.recipient,
            clock,
            dueAt: new Date(due[clock]).toISOString(),
            escalatedTo: 'center',
          },
        }),
      );
    }
  }
  return events;
}
