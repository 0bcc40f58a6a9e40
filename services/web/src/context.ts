import type { Actor } from '@liaison/auth';
import type { Database } from '@liaison/db';
import type { Context } from 'hono';
import type { Api, ServiceFetch } from './api.ts';
import type { ApiDocument } from './documents.ts';
import type { SessionPolicy, Session } from './sessions.ts';
import type { PageContext } from './views/layout.tsx';
import type { LogSink } from '@liaison/observe';

/** What the web face is built from: injected, so it runs in the platform's process or beside a gateway. */
export interface WebDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  /**
   * The platform's services without the process edge: the referrals, intake, statistics and
   * gateway apps in-process (embedded), or an HTTP client of them (distributed). Pages call them
   * with the signed-in person's own token.
   */
  api: ServiceFetch;
  /** The API documents to link and to render as a reference (default: the platform's). */
  documents?: ApiDocument[];
  /** The GraphQL schema's SDL, served for download on the developer pages. */
  graphqlSdl?: () => string;
  /** Serve GraphiQL (development only; production turns it off). Default false. */
  developerTools?: boolean;
  session?: Partial<SessionPolicy>;
  log?: LogSink | undefined;
}

/** What each page request carries once the session (if any) has been looked up. */
export interface WebVariables {
  page: PageContext;
  session?: Session | undefined;
  /** The services as the signed-in person (absent when signed out). */
  api?: Api | undefined;
}

export type WebEnv = { Variables: WebVariables };
export type WebContext = Context<WebEnv>;
