export { createGatewayApp, type GatewayDeps } from './app.ts';
export type { ServiceFetch } from './builder.ts';
export { printSdl, schema } from './schema/index.ts';
export { createEventFeed, type EventFeed } from './feed.ts';
