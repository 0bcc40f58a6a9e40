import { requireMemberBody, requireRole, type RoutingInput, suggestRouting } from '@liaison/domain';
import { caseRoles, type ReferralsContext } from './context.ts';

/** Routing suggestions for a case's codes, with the suggested bodies' names from the registry. */
export async function suggest({ ctx, input }: { ctx: ReferralsContext; input: RoutingInput }) {
  requireMemberBody(ctx.actor, 'ask for routing suggestions');
  requireRole(ctx.actor, caseRoles, 'ask for routing suggestions');
  return Promise.all(
    suggestRouting(input).map(async (s) => {
      const body = await ctx.agency(s.body);
      return { ...s, nameJa: body?.nameJa ?? s.body, nameEn: body?.nameEn ?? s.body };
    }),
  );
}
