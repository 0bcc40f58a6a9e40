import { builder } from '../builder.ts';
import { requireActor } from './errors.ts';

const Me = builder.objectRef<{ agency: string; role: string }>('Me').implement({
  description: 'The caller: body and role',
  fields: (t) => ({ agency: t.exposeString('agency'), role: t.exposeString('role') }),
});

builder.queryType({});
builder.queryFields((t) => ({
  me: t.field({ type: Me, authScopes: { authenticated: true }, resolve: (_r, _a, ctx) => requireActor(ctx).actor }),
}));
