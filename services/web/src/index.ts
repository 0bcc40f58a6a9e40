import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@liaison/db';
import { createWebApp, isPagePath, pagePaths } from './app.tsx';
import type { WebDeps } from './context.ts';

export type { ServiceFetch } from './api.ts';
export { renderChart, chartLayout, okabeIto } from './charts.ts';
export type { WebDeps } from './context.ts';
export { BOM, parseCsv, SECRET_MARKER, tableCsv } from './csv.ts';
export { apiDocuments, type ApiDocument } from './documents.ts';
export { areasFor, isLoopback } from './security.ts';
export { closeSessionsOfToken } from './sessions.ts';
export { createWebApp, isPagePath, pagePaths };

export const webMigrations: MigrationSet = {
  schema: 'web',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

/** The web face: pages, sessions, downloads, developer pages — built from injected dependencies. */
export function createWebService(deps: WebDeps) {
  return { app: createWebApp(deps), migrations: webMigrations };
}

export type WebService = ReturnType<typeof createWebService>;
