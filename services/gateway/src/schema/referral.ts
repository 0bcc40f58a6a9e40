import { businessStatuses, category, type TaskStatus, taskStatusLabels } from '@liaison/domain';
import { builder } from '../builder.ts';
import { callService, requireActor } from './errors.ts';

interface ReceivedReferralShape {
  referralId: string;
  sender: string;
  recipient: string;
  kind: 'referral' | 'transfer';
  category: string;
  status: TaskStatus;
  businessStatus: string | null;
  packageId: string | null;
  urgent: boolean;
  sentAt: string;
  receivedAt: string;
}

const CategoryRef = builder.objectRef<{ code: string }>('Category').implement({
  description: 'A taxonomy category / 相談分類',
  fields: (t) => ({
    code: t.exposeString('code'),
    labelJa: t.string({ resolve: (c) => category(c.code)?.ja ?? c.code }),
    labelEn: t.string({ resolve: (c) => category(c.code)?.en ?? c.code }),
  }),
});

const ReferralKind = builder.enumType('ReferralKind', {
  values: { referral: { description: '照会 — the sender keeps the case' }, transfer: { description: '移送 — ownership moves' } } as const,
});

const ReceivedReferral = builder.objectRef<ReceivedReferralShape>('ReceivedReferral').implement({
  description: "A referral in the caller's body's inbox / 受信した照会",
  fields: (t) => ({
    id: t.exposeID('referralId'),
    sender: t.exposeString('sender', { description: 'Registry code of the sending body' }),
    recipient: t.exposeString('recipient'),
    kind: t.field({ type: ReferralKind, resolve: (r) => r.kind }),
    category: t.field({ type: CategoryRef, resolve: (r) => ({ code: r.category }) }),
    status: t.exposeString('status', { description: 'FHIR Task status' }),
    statusLabelJa: t.string({ description: '状態（日本語）', resolve: (r) => taskStatusLabels[r.status]?.ja ?? r.status }),
    statusLabelEn: t.string({ resolve: (r) => taskStatusLabels[r.status]?.en ?? r.status }),
    businessStatus: t.string({
      nullable: true,
      description: 'Japanese sub-state, e.g. 削除依頼済 (label, Japanese first)',
      resolve: (r) => {
        const b = businessStatuses.find((x) => x.code === r.businessStatus);
        return b ? `${b.ja} (${b.en})` : r.businessStatus;
      },
    }),
    urgent: t.exposeBoolean('urgent'),
    packageId: t.exposeID('packageId', {
      nullable: true,
      description: 'Sealed personal data for your body (GET /v1/packages/{id}; open with your private key)',
    }),
    sentAt: t.field({ type: 'DateTime', resolve: (r) => r.sentAt }),
    receivedAt: t.field({ type: 'DateTime', resolve: (r) => r.receivedAt }),
  }),
});

builder.queryFields((t) => ({
  referralInbox: t.field({
    description: "Referrals addressed to the caller's body, newest first / 受信した照会",
    type: [ReceivedReferral],
    authScopes: { memberCaseworker: true },
    args: { limit: t.arg.int({ required: false, defaultValue: 100, description: '1–500' }) },
    resolve: async (_root, args, ctx) => {
      const caller = requireActor(ctx);
      const limit = args.limit ?? 100;
      const body = await callService<{ items: ReceivedReferralShape[] }>(ctx, ctx.referrals, caller, `/v1/inbox?limit=${limit}`);
      return body.items;
    },
  }),
}));
