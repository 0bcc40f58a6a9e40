// Generated from schemas/openapi/referrals.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/deadlines/overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Overdue clocks / 期限超過の一覧 (secretariat: all bodies; members: their own referrals) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Oldest due first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "referralId": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *           "clock": "acknowledge",
                         *           "dueAt": "2026-12-03T14:59:59.999Z",
                         *           "sender": "center",
                         *           "recipient": "sia",
                         *           "category": "R01",
                         *           "status": "requested"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["OverdueDeadline"][];
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
    "/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My body's referral inbox / 受信した照会 */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
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
                         *           "referralId": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *           "sender": "center",
                         *           "recipient": "sia",
                         *           "kind": "referral",
                         *           "category": "R01",
                         *           "status": "requested",
                         *           "businessStatus": null,
                         *           "version": 1,
                         *           "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *           "urgent": false,
                         *           "sentAt": "2026-12-01T01:00:00.000Z",
                         *           "receivedAt": "2026-12-01T01:00:00.412Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["ReceivedReferral"][];
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
    "/v1/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refer a case to another member body / 他機関への照会・移送 */
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
                     *       "recipient": "sia",
                     *       "kind": "referral",
                     *       "category": "R01",
                     *       "urgent": false,
                     *       "routing": {
                     *         "consulter": "GRD",
                     *         "victimUnder18": true
                     *       },
                     *       "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                     *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90"
                     *     }
                     */
                    "application/json": components["schemas"]["CreateReferral"];
                };
            };
            responses: {
                /** @description Stored; delivered to the recipient asynchronously */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *       "sender": "center",
                         *       "recipient": "sia",
                         *       "kind": "referral",
                         *       "category": "R01",
                         *       "status": "requested",
                         *       "businessStatus": null,
                         *       "statusReason": null,
                         *       "routing": {
                         *         "suggested": [
                         *           "sia"
                         *         ],
                         *         "followed": true,
                         *         "overrideReason": null
                         *       },
                         *       "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "urgent": false,
                         *       "version": 1,
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "updatedAt": "2026-12-01T01:00:00.000Z",
                         *       "sentAt": "2026-12-01T01:00:00.000Z"
                         *     }
                         */
                        "application/json": components["schemas"]["Referral"];
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
    "/v1/referrals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One referral, for its sender or recipient / 照会の詳細 */
        get: {
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
                /** @description The referral */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *       "sender": "center",
                         *       "recipient": "sia",
                         *       "kind": "referral",
                         *       "category": "R01",
                         *       "status": "accepted",
                         *       "businessStatus": null,
                         *       "statusReason": null,
                         *       "routing": {
                         *         "suggested": [
                         *           "sia"
                         *         ],
                         *         "followed": true,
                         *         "overrideReason": null
                         *       },
                         *       "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *       "caseId": null,
                         *       "urgent": false,
                         *       "version": 3,
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "updatedAt": "2026-12-01T02:10:00.000Z",
                         *       "sentAt": "2026-12-01T01:00:00.000Z"
                         *     }
                         */
                        "application/json": components["schemas"]["Referral"];
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
                /** @description No such referral visible to this body */
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
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status history of a referral / 状態の履歴 */
        get: {
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
                /** @description Oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "version": 2,
                         *           "from": "requested",
                         *           "to": "received",
                         *           "businessStatus": null,
                         *           "statusReason": null,
                         *           "changedBy": "sia",
                         *           "changedAt": "2026-12-01T02:00:00.000Z"
                         *         },
                         *         {
                         *           "version": 3,
                         *           "from": "received",
                         *           "to": "accepted",
                         *           "businessStatus": null,
                         *           "statusReason": null,
                         *           "changedBy": "sia",
                         *           "changedAt": "2026-12-01T02:10:00.000Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["StatusChange"][];
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
                /** @description No such referral visible to this body */
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
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a referral to another status / 状態の変更 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "status": "accepted",
                     *       "expectedVersion": 2
                     *     }
                     */
                    "application/json": components["schemas"]["ChangeStatus"];
                };
            };
            responses: {
                /** @description The referral after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *       "sender": "center",
                         *       "recipient": "sia",
                         *       "kind": "referral",
                         *       "category": "R01",
                         *       "status": "accepted",
                         *       "businessStatus": null,
                         *       "statusReason": null,
                         *       "routing": {
                         *         "suggested": [
                         *           "sia"
                         *         ],
                         *         "followed": true,
                         *         "overrideReason": null
                         *       },
                         *       "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *       "caseId": null,
                         *       "urgent": false,
                         *       "version": 3,
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "updatedAt": "2026-12-01T02:10:00.000Z",
                         *       "sentAt": "2026-12-01T01:00:00.000Z"
                         *     }
                         */
                        "application/json": components["schemas"]["Referral"];
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
                /** @description No such referral visible to this body */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed from the current status for this side; details.allowed lists what is */
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
    "/v1/referrals/action-needed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referrals where my body has the next move / 要対応 */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Urgent first, then oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "id": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *           "sender": "center",
                         *           "recipient": "sia",
                         *           "kind": "referral",
                         *           "category": "R01",
                         *           "status": "requested",
                         *           "businessStatus": null,
                         *           "statusReason": null,
                         *           "routing": {
                         *             "suggested": [
                         *               "sia"
                         *             ],
                         *             "followed": true,
                         *             "overrideReason": null
                         *           },
                         *           "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *           "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *           "urgent": false,
                         *           "version": 1,
                         *           "createdAt": "2026-12-01T01:00:00.000Z",
                         *           "updatedAt": "2026-12-01T01:00:00.000Z",
                         *           "sentAt": "2026-12-01T01:00:00.000Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["Referral"][];
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
    "/v1/referrals/sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referrals sent by my body / 送信済み */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
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
                         *           "id": "3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15",
                         *           "sender": "center",
                         *           "recipient": "sia",
                         *           "kind": "referral",
                         *           "category": "R01",
                         *           "status": "requested",
                         *           "businessStatus": null,
                         *           "statusReason": null,
                         *           "routing": {
                         *             "suggested": [
                         *               "sia"
                         *             ],
                         *             "followed": true,
                         *             "overrideReason": null
                         *           },
                         *           "packageId": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *           "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *           "urgent": false,
                         *           "version": 1,
                         *           "createdAt": "2026-12-01T01:00:00.000Z",
                         *           "updatedAt": "2026-12-01T01:00:00.000Z",
                         *           "sentAt": "2026-12-01T01:00:00.000Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["Referral"][];
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
    "/v1/routing/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Who should take a case, and why / 担当機関の提案 */
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
                     *       "category": "R01",
                     *       "consulter": "GRD",
                     *       "victimUnder18": true
                     *     }
                     */
                    "application/json": components["schemas"]["SuggestRouting"];
                };
            };
            responses: {
                /** @description In order of the rules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "body": "sia",
                         *           "nameJa": "セーファーインターネット協会",
                         *           "nameEn": "Safer Internet Association",
                         *           "action": "refer",
                         *           "rule": "child-harm-to-sia",
                         *           "reasonJa": "被害者が児童の誹謗中傷・いじめ等は、保護者・学校からも受け付けるセーファーインターネット協会へ（青少年の相談連携 2017年〜）",
                         *           "reasonEn": "Child victims of defamation, bullying and the like: SIA accepts reports from guardians and schools (youth referral scheme since 2017)"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["RoutingSuggestion"][];
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
        ChangeStatus: {
            /** @enum {string} */
            businessStatus?: "deletion-requested" | "platform-notified" | "art25-requested" | "police-informed" | "advised" | "awaiting-consulter" | "awaiting-platform" | "unreachable" | "deleted" | "not-deleted";
            expectedVersion?: number;
            /**
             * @description FHIR Task status
             * @enum {string}
             */
            status: "draft" | "requested" | "received" | "accepted" | "rejected" | "ready" | "in-progress" | "on-hold" | "completed" | "failed" | "cancelled" | "entered-in-error";
            /** @description Required for rejected, failed, cancelled, entered-in-error */
            statusReason?: string;
        };
        CreateReferral: {
            /**
             * Format: uuid
             * @description Your case the package was sealed for; required with packageId, only with it
             */
            caseId?: string;
            /**
             * @example R01
             * @enum {string}
             */
            category: "R01" | "R02" | "R03" | "R04" | "R05" | "R06" | "R07" | "R08" | "R09" | "I01" | "I02" | "I03" | "I04" | "I05" | "I06" | "I07" | "I08" | "H01" | "H02" | "H03" | "B01" | "C01" | "P01" | "P02" | "P03" | "Z99";
            /**
             * @description referral 照会: the sender keeps the case; transfer 移送: ownership moves
             * @default referral
             * @enum {string}
             */
            kind?: "referral" | "transfer";
            /**
             * Format: uuid
             * @description A package of personal data your body sealed to the recipient for caseId (POST /v1/cases/{id}/packages), not purged
             */
            packageId?: string;
            /** @example sia */
            recipient: string;
            /** @description The case codes for a routing suggestion; recorded with whether it was followed */
            routing?: {
                /** @enum {string} */
                consulter?: "SELF" | "GRD" | "FAM" | "SCH" | "LAW" | "ORG" | "AGY" | "PRV" | "SND" | "ANO";
                overrideReason?: string;
                victimUnder18?: boolean;
            };
            /**
             * @description draft 下書き: not yet sent; requested 依頼済: sent
             * @default requested
             * @enum {string}
             */
            status?: "draft" | "requested";
            /** @default false */
            urgent?: boolean;
        };
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        OverdueDeadline: {
            category: string;
            /**
             * @description acknowledge 受領 / decide 受諾・辞退 / complete 完了
             * @enum {string}
             */
            clock: "acknowledge" | "decide" | "complete";
            /** Format: date-time */
            dueAt: string;
            /** @example sia */
            recipient: string;
            /** Format: uuid */
            referralId: string;
            /** @example sia */
            sender: string;
            status: string;
        };
        ReceivedReferral: {
            businessStatus: string | null;
            category: string;
            /** @enum {string} */
            kind: "referral" | "transfer";
            /** Format: uuid */
            packageId: string | null;
            /** Format: date-time */
            receivedAt: string;
            /** @example sia */
            recipient: string;
            /** Format: uuid */
            referralId: string;
            /** @example sia */
            sender: string;
            /** Format: date-time */
            sentAt: string;
            /**
             * @description FHIR Task status
             * @enum {string}
             */
            status: "draft" | "requested" | "received" | "accepted" | "rejected" | "ready" | "in-progress" | "on-hold" | "completed" | "failed" | "cancelled" | "entered-in-error";
            urgent: boolean;
            version: number;
        };
        Referral: {
            businessStatus: string | null;
            /**
             * Format: uuid
             * @description The sender's case the package was sealed for; shown to the sender only
             */
            caseId: string | null;
            category: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "referral" | "transfer";
            /** Format: uuid */
            packageId: string | null;
            /** @example sia */
            recipient: string;
            routing: {
                followed: boolean;
                overrideReason: string | null;
                suggested: string[];
            } | null;
            /** @example sia */
            sender: string;
            /**
             * Format: date-time
             * @description When it was sent (requested 依頼済); null for a draft, which only its sender sees
             */
            sentAt: string | null;
            /**
             * @description FHIR Task status
             * @enum {string}
             */
            status: "draft" | "requested" | "received" | "accepted" | "rejected" | "ready" | "in-progress" | "on-hold" | "completed" | "failed" | "cancelled" | "entered-in-error";
            statusReason: string | null;
            /** Format: date-time */
            updatedAt: string;
            urgent: boolean;
            version: number;
        };
        RoutingSuggestion: {
            /**
             * @description refer 照会: pass the case; advise 案内: point the person there
             * @enum {string}
             */
            action: "refer" | "advise";
            /** @example sia */
            body: string;
            nameEn: string;
            nameJa: string;
            reasonEn: string;
            reasonJa: string;
            rule: string;
        };
        StatusChange: {
            businessStatus: string | null;
            /** Format: date-time */
            changedAt: string;
            /** @example sia */
            changedBy: string;
            /**
             * @description FHIR Task status
             * @enum {string}
             */
            from: "draft" | "requested" | "received" | "accepted" | "rejected" | "ready" | "in-progress" | "on-hold" | "completed" | "failed" | "cancelled" | "entered-in-error";
            statusReason: string | null;
            /**
             * @description FHIR Task status
             * @enum {string}
             */
            to: "draft" | "requested" | "received" | "accepted" | "rejected" | "ready" | "in-progress" | "on-hold" | "completed" | "failed" | "cancelled" | "entered-in-error";
            version: number;
        };
        SuggestRouting: {
            /** @enum {string} */
            category: "R01" | "R02" | "R03" | "R04" | "R05" | "R06" | "R07" | "R08" | "R09" | "I01" | "I02" | "I03" | "I04" | "I05" | "I06" | "I07" | "I08" | "H01" | "H02" | "H03" | "B01" | "C01" | "P01" | "P02" | "P03" | "Z99";
            /** @enum {string} */
            consulter?: "SELF" | "GRD" | "FAM" | "SCH" | "LAW" | "ORG" | "AGY" | "PRV" | "SND" | "ANO";
            victimUnder18?: boolean;
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
