// Generated from schemas/openapi/webhooks.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My body's endpoints / 登録済みWebhook */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Endpoints */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "id": "5d2e8f61-9a3b-4c7d-8e1f-2a4b6c8d0e13",
                         *           "url": "https://liaison.sia.example.jp/webhooks/liaison",
                         *           "eventTypes": [
                         *             "jp.liaison.referral.created.v1",
                         *             "jp.liaison.referral.status_changed.v1"
                         *           ],
                         *           "enabled": true,
                         *           "disabledReason": null
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["WebhookEndpoint"][];
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
                /** @description Wrong body or role */
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
        /** Register a webhook endpoint / Webhookの登録 */
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
                     *       "url": "https://liaison.sia.example.jp/webhooks/liaison",
                     *       "eventTypes": [
                     *         "jp.liaison.referral.created.v1",
                     *         "jp.liaison.referral.status_changed.v1"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RegisterWebhook"];
                };
            };
            responses: {
                /** @description Registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "5d2e8f61-9a3b-4c7d-8e1f-2a4b6c8d0e13",
                         *       "url": "https://liaison.sia.example.jp/webhooks/liaison",
                         *       "eventTypes": [
                         *         "jp.liaison.referral.created.v1",
                         *         "jp.liaison.referral.status_changed.v1"
                         *       ],
                         *       "enabled": true,
                         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                         *     }
                         */
                        "application/json": components["schemas"]["RegisteredWebhook"];
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
                /** @description Wrong body or role */
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
    "/v1/webhooks/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries that gave up / 配信失敗 */
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
                         *           "id": "9c1d3e5f-7a2b-4c6d-8e0f-1a3b5c7d9e2f",
                         *           "endpointId": "5d2e8f61-9a3b-4c7d-8e1f-2a4b6c8d0e13",
                         *           "eventId": "e8f2a4c6-1b3d-4e5f-9a7b-2c4d6e8f0a1b",
                         *           "eventType": "jp.liaison.referral.created.v1",
                         *           "attempts": 9,
                         *           "lastStatusCode": 503,
                         *           "lastError": "answered 503",
                         *           "createdAt": "2026-12-05T01:00:00.000Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["DeadLetter"][];
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
                /** @description Wrong body or role */
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/dead-letters/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deliver a dead letter again / 再配信 */
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
                /** @description Queued */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "9c1d3e5f-7a2b-4c6d-8e0f-1a3b5c7d9e2f",
                         *       "status": "pending"
                         *     }
                         */
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "pending";
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
                /** @description Wrong body or role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such dead letter */
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
        DeadLetter: {
            attempts: number;
            createdAt: string;
            /** Format: uuid */
            endpointId: string;
            eventId: string;
            eventType: string;
            /** Format: uuid */
            id: string;
            lastError: string | null;
            lastStatusCode: number | null;
        };
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        RegisteredWebhook: {
            enabled: boolean;
            eventTypes: string[];
            /** Format: uuid */
            id: string;
            /** @description Standard Webhooks secret; shown once */
            secret: string;
            url: string;
        };
        RegisterWebhook: {
            /** @default [] */
            eventTypes?: ("jp.liaison.audit.checkpoint.v1" | "jp.liaison.case.action_outcome.v1" | "jp.liaison.case.clock_missed.v1" | "jp.liaison.case.fact.v1" | "jp.liaison.consent.revoked.v1" | "jp.liaison.deadline.approaching.v1" | "jp.liaison.deadline.missed.v1" | "jp.liaison.meeting.action_item_added.v1" | "jp.liaison.meeting.action_item_closed.v1" | "jp.liaison.meeting.agenda_item_added.v1" | "jp.liaison.meeting.attendance_recorded.v1" | "jp.liaison.meeting.minutes_approved.v1" | "jp.liaison.meeting.minutes_drafted.v1" | "jp.liaison.meeting.report_approved.v1" | "jp.liaison.meeting.scheduled.v1" | "jp.liaison.meeting.updated.v1" | "jp.liaison.referral.created.v1" | "jp.liaison.referral.status_changed.v1" | "jp.liaison.stats.release_published.v1" | "jp.liaison.webhook.dead_lettered.v1")[];
            /** @description https URL of your receiver, port 443 unless the platform allows others; every address the name resolves to must be public (private, loopback, link-local, reserved and IPv4-embedding IPv6 forms of those are refused) */
            url: string;
        };
        WebhookEndpoint: {
            disabledReason: string | null;
            enabled: boolean;
            eventTypes: string[];
            /** Format: uuid */
            id: string;
            url: string;
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
