// Generated from schemas/openapi/tokens.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My body's tokens / トークン一覧 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "id": "2b4d6f8a-1c3e-4a5b-9c7d-0e2f4a6b8c1d",
                         *           "role": "caseworker",
                         *           "label": "相談員 山田 (caseworker Yamada)",
                         *           "createdAt": "2026-12-01T00:00:00.000Z",
                         *           "expiresAt": "2027-03-01T00:00:00.000Z",
                         *           "revokedAt": null
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["ApiToken"][];
                        };
                    };
                };
                /** @description Invalid input; details.problems names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an administrator of this body */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Issue a token for a person of my body / トークン発行 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "role": "caseworker",
                     *       "label": "相談員 山田 (caseworker Yamada)",
                     *       "ttlDays": 90
                     *     }
                     */
                    "application/json": components["schemas"]["IssueToken"];
                };
            };
            responses: {
                /** @description The token, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "2b4d6f8a-1c3e-4a5b-9c7d-0e2f4a6b8c1d",
                         *       "token": "lia_3pQ0yZr8VwK1xN5cM7bT2hJ9gF4dS6aL",
                         *       "expiresAt": "2027-03-01T00:00:00.000Z"
                         *     }
                         */
                        "application/json": {
                            expiresAt: string;
                            /** Format: uuid */
                            id: string;
                            token: string;
                        };
                    };
                };
                /** @description Invalid input; details.problems names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an administrator of this body */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a token at once / トークン失効 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "2b4d6f8a-1c3e-4a5b-9c7d-0e2f4a6b8c1d",
                         *       "revoked": true
                         *     }
                         */
                        "application/json": {
                            id: string;
                            /** @enum {boolean} */
                            revoked: true;
                        };
                    };
                };
                /** @description Invalid input; details.problems names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an administrator of this body */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such token of this body */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiToken: {
            createdAt: string;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            label: string;
            revokedAt: string | null;
            role: string;
        };
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        IssueToken: {
            /** @description Who the token is for, e.g. a person’s name or desk */
            label: string;
            /** @enum {string} */
            role: "caseworker" | "supervisor" | "secretariat" | "observer" | "admin";
            /** @default 90 */
            ttlDays?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
