// Generated from schemas/openapi/keys.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My body's public keys / 公開鍵一覧 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Latest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "keyId": "giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8",
                         *           "publicKey": "3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=",
                         *           "notBefore": "2026-12-01T00:00:00.000Z",
                         *           "expiresAt": "2027-12-01T00:00:00.000Z",
                         *           "revokedAt": null,
                         *           "state": "valid",
                         *           "current": true
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["BodyKey"][];
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
                /** @description Not an administrator of a member body */
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
        /** Publish a public key of my body / 公開鍵の登録 (rotation: publish the next one) */
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
                     *       "publicKey": "3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=",
                     *       "notBefore": "2026-12-01T09:00:00+09:00",
                     *       "expiresAt": "2027-12-01T09:00:00+09:00"
                     *     }
                     */
                    "application/json": components["schemas"]["PublishKey"];
                };
            };
            responses: {
                /** @description Published */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "keyId": "giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8",
                         *       "publicKey": "3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=",
                         *       "notBefore": "2026-12-01T00:00:00.000Z",
                         *       "expiresAt": "2027-12-01T00:00:00.000Z",
                         *       "revokedAt": null,
                         *       "state": "valid",
                         *       "current": true
                         *     }
                         */
                        "application/json": components["schemas"]["BodyKey"];
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
                /** @description Not an administrator of a member body */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Key id already used by your body (KEY_ID_TAKEN), or this public key already published (PUBLIC_KEY_TAKEN) */
                409: {
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
    "/v1/keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a key of my body at once / 公開鍵の失効
         * @description Nothing more is sealed to it, and packages sealed to it are no longer handed out (410 KEY_RETIRED): their senders seal them again to your current key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked (or already revoked) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "keyId": "giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8",
                         *       "publicKey": "3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=",
                         *       "notBefore": "2026-12-01T00:00:00.000Z",
                         *       "expiresAt": "2027-12-01T00:00:00.000Z",
                         *       "revokedAt": "2027-03-01T02:00:00.000Z",
                         *       "state": "revoked",
                         *       "current": false
                         *     }
                         */
                        "application/json": components["schemas"]["BodyKey"];
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
                /** @description Not an administrator of a member body */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such key of your body */
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
        BodyKey: {
            /** @description Whether new packages for your body are sealed to this key now */
            current: boolean;
            expiresAt: string;
            keyId: string;
            notBefore: string;
            publicKey: string;
            revokedAt: string | null;
            /**
             * @description scheduled: not valid yet; valid; expired; revoked
             * @enum {string}
             */
            state: "scheduled" | "valid" | "expired" | "revoked";
        };
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        PublishKey: {
            /**
             * Format: date-time
             * @description Until when: packages sealed to it are handed out until then. At most 730 days after notBefore.
             */
            expiresAt: string;
            /** @description Your name for the key; default its RFC 7638 JWK thumbprint. Never reused: a body's key ids are unique for good, revoked ones included. */
            keyId?: string;
            /**
             * Format: date-time
             * @description From when packages are sealed to it; default now. A later time (at most 365 days ahead) schedules a rotation.
             */
            notBefore?: string;
            /** @description Raw X25519 public key (32 bytes), base64. The private half stays with your body. */
            publicKey: string;
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
