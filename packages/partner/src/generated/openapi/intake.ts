// Generated from schemas/openapi/intake.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a consultation / 相談の登録 */
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
                     *       "platformType": "SNS",
                     *       "operator": "Example SNS",
                     *       "designatedPlatform": true,
                     *       "consulter": "GRD",
                     *       "victimUnder18": true,
                     *       "requestedActions": [
                     *         "notice-on-behalf"
                     *       ],
                     *       "urls": [
                     *         "https://sns.example.com/u/abc/status/1"
                     *       ],
                     *       "summary": "同級生によるなりすまし投稿と悪口",
                     *       "person": {
                     *         "name": "佐藤さくら",
                     *         "contact": "保護者 080-0000-1111",
                     *         "school": "○○市立第一中学校"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RecordCase"];
                };
            };
            responses: {
                /** @description Recorded */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "agency": "center",
                         *       "month": "2026-12",
                         *       "category": "R01",
                         *       "platformType": "SNS",
                         *       "operator": "Example SNS",
                         *       "designatedPlatform": true,
                         *       "consulter": "GRD",
                         *       "victimUnder18": true,
                         *       "requestedActions": [
                         *         "notice-on-behalf"
                         *       ],
                         *       "outcome": null,
                         *       "urlHashes": [
                         *         "q1Vb0mXgIuT3Zc5aK7yRwE2nP9sLdH4fJ6oA8tB0cDe"
                         *       ],
                         *       "version": 1,
                         *       "createdAt": "2026-12-01T00:55:00.000Z"
                         *     }
                         */
                        "application/json": components["schemas"]["Case"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
    "/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case of my body / 相談の詳細 (personal data only with a purpose, audited) */
        get: {
            parameters: {
                query?: {
                    /** @description Why personal data is read (a purpose code, recorded in the audit log); without it, codes only. counseling 相談対応のため (To handle the consultation); advice 助言のため (For advice); deletion-request 削除依頼のため (To request deletion); platform-notice プロバイダへの通知のため (To notify the platform); disclosure-request 発信者情報開示のため (For sender information disclosure); police-report 警察への情報提供のため (To inform the police); human-rights-remedy 法務局による人権救済のため (For human-rights relief by the Legal Affairs Bureau); legal-support 法的支援のため (For legal support); consumer-support 消費生活相談のため (For consumer counselling) */
                    purpose?: "counseling" | "advice" | "deletion-request" | "platform-notice" | "disclosure-request" | "police-report" | "human-rights-remedy" | "legal-support" | "consumer-support";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The case */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "agency": "center",
                         *       "month": "2026-12",
                         *       "category": "R01",
                         *       "platformType": "SNS",
                         *       "operator": "Example SNS",
                         *       "designatedPlatform": true,
                         *       "consulter": "GRD",
                         *       "victimUnder18": true,
                         *       "requestedActions": [
                         *         "notice-on-behalf"
                         *       ],
                         *       "outcome": null,
                         *       "urlHashes": [
                         *         "q1Vb0mXgIuT3Zc5aK7yRwE2nP9sLdH4fJ6oA8tB0cDe"
                         *       ],
                         *       "version": 1,
                         *       "createdAt": "2026-12-01T00:55:00.000Z",
                         *       "personal": {
                         *         "urls": [
                         *           "https://sns.example.com/u/abc/status/1"
                         *         ],
                         *         "summary": "同級生によるなりすまし投稿と悪口",
                         *         "person": {
                         *           "name": "佐藤さくら",
                         *           "contact": "保護者 080-0000-1111",
                         *           "school": "○○市立第一中学校"
                         *         }
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Case"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
    "/v1/cases/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an action taken / 対応の記録 (starts statutory clocks) */
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
                     *       "action": "art25-request",
                     *       "requestedAt": "2026-12-01T10:00:00+09:00",
                     *       "designatedPlatform": true
                     *     }
                     */
                    "application/json": components["schemas"]["RecordAction"];
                };
            };
            responses: {
                /** @description Recorded */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "action": "art25-request",
                         *       "designatedPlatform": true,
                         *       "requestedAt": "2026-12-01T01:00:00.000Z",
                         *       "clock": "art25-decision",
                         *       "dueAt": "2026-12-08T14:59:59.999Z",
                         *       "outcome": null,
                         *       "extensionGround": null,
                         *       "outcomeAt": null
                         *     }
                         */
                        "application/json": components["schemas"]["CaseAction"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
    "/v1/cases/{id}/actions/{actionId}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the outcome of an action / 結果の記録 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    actionId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "outcome": "deleted"
                     *     }
                     */
                    "application/json": components["schemas"]["RecordOutcome"];
                };
            };
            responses: {
                /** @description Recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "action": "art25-request",
                         *       "designatedPlatform": true,
                         *       "requestedAt": "2026-12-01T01:00:00.000Z",
                         *       "clock": "art25-decision",
                         *       "dueAt": "2026-12-08T14:59:59.999Z",
                         *       "outcome": "deleted",
                         *       "extensionGround": null,
                         *       "outcomeAt": "2026-12-04T05:00:00.000Z"
                         *     }
                         */
                        "application/json": components["schemas"]["CaseAction"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
    "/v1/cases/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a consent to share / 同意の記録 */
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
                     *       "givenBy": "guardian",
                     *       "recipients": [
                     *         "sia"
                     *       ],
                     *       "purposes": [
                     *         "deletion-request"
                     *       ],
                     *       "givenAt": "2026-12-01T09:50:00+09:00"
                     *     }
                     */
                    "application/json": components["schemas"]["Consent"];
                };
            };
            responses: {
                /** @description Recorded */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "c4d9e2f1-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "givenBy": "guardian",
                         *       "recipients": [
                         *         "sia"
                         *       ],
                         *       "purposes": [
                         *         "deletion-request"
                         *       ],
                         *       "givenAt": "2026-12-01T00:50:00.000Z",
                         *       "revokedAt": null
                         *     }
                         */
                        "application/json": components["schemas"]["ConsentRecord"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
    "/v1/cases/{id}/consents/{consentId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a consent; purges what it covered / 同意の撤回 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    consentId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked and purged */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "consentId": "c4d9e2f1-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                         *       "revokedAt": "2026-12-05T03:00:00.000Z",
                         *       "purgedPackages": [
                         *         "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c"
                         *       ]
                         *     }
                         */
                        "application/json": components["schemas"]["Revocation"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Already revoked */
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
    "/v1/cases/{id}/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Seal personal data to a recipient body / 個人情報の封緘 */
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
                     *       "recipient": "sia",
                     *       "purpose": "deletion-request"
                     *     }
                     */
                    "application/json": components["schemas"]["SealPackage"];
                };
            };
            responses: {
                /** @description Sealed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "recipient": "sia",
                         *       "purpose": "deletion-request",
                         *       "consentId": "c4d9e2f1-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                         *       "legalGround": null,
                         *       "format": 2,
                         *       "keyId": "giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8"
                         *     }
                         */
                        "application/json": components["schemas"]["Package"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The recipient has no current public key (NO_CURRENT_KEY) */
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
    "/v1/cases/actions/overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Actions whose statutory clock ran out / 法定期限を過ぎた対応 */
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
                         *           "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                         *           "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *           "action": "art25-request",
                         *           "designatedPlatform": true,
                         *           "requestedAt": "2026-12-01T01:00:00.000Z",
                         *           "clock": "art25-decision",
                         *           "dueAt": "2026-12-08T14:59:59.999Z",
                         *           "outcome": null,
                         *           "extensionGround": null,
                         *           "outcomeAt": null
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["CaseAction"][];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
    "/v1/packages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fetch a package sealed to my body / 封緘パッケージの取得 */
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
                /** @description Ciphertext; open it with your own key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "owner": "center",
                         *       "recipient": "sia",
                         *       "purpose": "deletion-request",
                         *       "format": 2,
                         *       "keyId": "giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8",
                         *       "context": "liaison-package/2;id=7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c;case=0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90;to=sia;kid=giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8",
                         *       "sealed": "Au8kCNIG9oIqRtTMruJWjnTTQxkaYNRl+wsI2RfHsH5rw4vtNhLWp3+xZ3QrtmR1yycnJzWo9cPxAq/R5Z3GWyTF2q0dlT1U5N5FMV0Ts2OYKzlzZLd3Zo8Urnwm32LmpUmc4TdDNUHDF4fxZ7FuxNTrGFLeWwY+xuY6zOU7vmTtzw2a0d1OJaqyJ7TPPTH5nXNMB0zAdXtWos29ZOaRAkPEm2aBvOtl0pTPIzYsZPXEFIRD+ChTOJmk2QcIuZpye+qldDpObim2ioITMrijvo9XiQpE0PhHOZH7n42jEFcy+omXTx+leJascWabRbVwa4EtmovvXSEBRor5aDaAhlehoO9BHZGixZDLB9TdCLFtUb0mfcln8llTzOrDvF3iMb99RSIo1EaHrxTGYapK+YRB4UOEelFW/SG2fgiIVrsRW+Cj5F5MLvYaIiQ/EqNIXQ=="
                         *     }
                         */
                        "application/json": components["schemas"]["SealedPackage"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Purged (GONE), or sealed to a key since expired or revoked (KEY_RETIRED) */
                410: {
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
    "/v1/packages/{id}/seal-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What my body sealed: recipient, case, purge / 封緘の確認 (sealing body only; no personal data) */
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
                /** @description Ids and codes only */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c",
                         *       "caseId": "0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90",
                         *       "owner": "center",
                         *       "recipient": "sia",
                         *       "purpose": "deletion-request",
                         *       "createdAt": "2026-12-01T00:58:00.000Z",
                         *       "purgedAt": null
                         *     }
                         */
                        "application/json": components["schemas"]["SealInfo"];
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
                /** @description Wrong body or role, or no consent or legal ground */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found for this body */
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Case: {
            agency: string;
            category: string;
            consulter: string;
            createdAt: string;
            designatedPlatform: boolean;
            /** Format: uuid */
            id: string;
            month: string;
            operator: string | null;
            outcome: string | null;
            personal?: {
                person: {
                    contact?: string;
                    name?: string;
                    school?: string;
                };
                summary: string | null;
                urls: string[];
            };
            platformType: string | null;
            requestedActions: string[];
            urlHashes: string[];
            version: number;
            victimUnder18: boolean;
        };
        CaseAction: {
            action: string;
            /** Format: uuid */
            caseId: string;
            /** @description art25-decision (7 days) or sender-objection (7 or 2 days) */
            clock: string | null;
            designatedPlatform: boolean;
            dueAt: string | null;
            extensionGround: string | null;
            /** Format: uuid */
            id: string;
            outcome: string | null;
            outcomeAt: string | null;
            requestedAt: string;
        };
        Consent: {
            /** Format: date-time */
            givenAt?: string;
            /** @enum {string} */
            givenBy: "person" | "guardian";
            purposes: ("counseling" | "advice" | "deletion-request" | "platform-notice" | "disclosure-request" | "police-report" | "human-rights-remedy" | "legal-support" | "consumer-support")[];
            recipients: string[];
        };
        ConsentRecord: {
            /** Format: uuid */
            caseId: string;
            givenAt: string;
            givenBy: string;
            /** Format: uuid */
            id: string;
            purposes: string[];
            recipients: string[];
            revokedAt: string | null;
        };
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        Package: {
            /** Format: uuid */
            caseId: string;
            consentId: string | null;
            /** @description 2: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; 1: legacy framing (older packages only) */
            format: number;
            /** Format: uuid */
            id: string;
            /** @description The recipient's key it was sealed to (its current key at sealing) */
            keyId: string;
            legalGround: string | null;
            purpose: string;
            recipient: string;
        };
        RecordAction: {
            /** @enum {string} */
            action: "advice" | "deletion-request" | "notice-on-behalf" | "art25-request" | "sender-inquiry" | "disclosure-request" | "disclosure-order" | "police" | "moj" | "houterasu";
            designatedPlatform?: boolean;
            electionCandidate?: boolean;
            /** Format: date-time */
            requestedAt?: string;
        };
        RecordCase: {
            /** @enum {string} */
            category: "R01" | "R02" | "R03" | "R04" | "R05" | "R06" | "R07" | "R08" | "R09" | "I01" | "I02" | "I03" | "I04" | "I05" | "I06" | "I07" | "I08" | "H01" | "H02" | "H03" | "B01" | "C01" | "P01" | "P02" | "P03" | "Z99";
            /** @enum {string} */
            consulter: "SELF" | "GRD" | "FAM" | "SCH" | "LAW" | "ORG" | "AGY" | "PRV" | "SND" | "ANO";
            /** @description 大規模特定電気通信役務提供者 (designated large platform) */
            designatedPlatform?: boolean;
            /** @description The platform operator (a company), e.g. X, LINEヤフー */
            operator?: string;
            /** @description Personal data; encrypted field by field at rest */
            person?: {
                contact?: string;
                name?: string;
                school?: string;
            };
            /** @enum {string} */
            platformType?: "SNS" | "VID" | "BBS" | "MIR" | "REV" | "BLG" | "MSG" | "QA" | "SRC" | "EC" | "MAT" | "GAM" | "NWS" | "ADV" | "OTH";
            /** @default [] */
            requestedActions?: ("advice" | "self-request" | "notice-on-behalf" | "art25-request" | "disclosure" | "police" | "moj" | "houterasu")[];
            /** @description Free text; encrypted at rest, never leaves this body unsealed */
            summary?: string;
            /** @default [] */
            urls?: string[];
            victimUnder18: boolean;
        };
        RecordOutcome: {
            /** @enum {string} */
            extensionGround?: "sender-inquiry" | "expert-review" | "unavoidable";
            /** @enum {string} */
            outcome: "deleted" | "partly-deleted" | "restricted" | "not-deleted" | "notified-within-7-days" | "extended" | "disclosed" | "rejected" | "withdrawn" | "out-of-scope" | "referred" | "no-response";
        };
        Revocation: {
            /** Format: uuid */
            consentId: string;
            purgedPackages: string[];
            revokedAt: string;
        };
        SealedPackage: {
            /**
             * Format: uuid
             * @description The sending body’s case; bound into the package
             */
            caseId: string;
            /** @description Format 2: the HPKE info, as UTF-8 — liaison-package/2;id=<id>;case=<caseId>;to=<recipient>;kid=<keyId> (AAD empty). Format 1: the associated-data suffix. Recompute it from the ids rather than trusting it. */
            context: string;
            /** @description 2: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; 1: legacy framing (older packages only) */
            format: number;
            /** Format: uuid */
            id: string;
            /** @description Which of your keys opens it ("legacy" for format 1: the key your body had before key ids) */
            keyId: string;
            owner: string;
            purpose: string;
            recipient: string;
            /** @description base64. Format 2: 0x02 ‖ enc (32 bytes) ‖ HPKE ciphertext (with its 16-byte tag); see docs/partners.md */
            sealed: string;
        };
        SealInfo: {
            /** Format: uuid */
            caseId: string;
            createdAt: string;
            /** Format: uuid */
            id: string;
            owner: string;
            /** @description When it was purged (consent revoked); null while it can be fetched */
            purgedAt: string | null;
            purpose: string;
            recipient: string;
        };
        SealPackage: {
            /** @enum {string} */
            legalGround?: "appi-27-1-i" | "appi-27-1-ii" | "appi-27-1-iii" | "appi-27-1-iv";
            legalReason?: string;
            /**
             * @description counseling 相談対応のため (To handle the consultation); advice 助言のため (For advice); deletion-request 削除依頼のため (To request deletion); platform-notice プロバイダへの通知のため (To notify the platform); disclosure-request 発信者情報開示のため (For sender information disclosure); police-report 警察への情報提供のため (To inform the police); human-rights-remedy 法務局による人権救済のため (For human-rights relief by the Legal Affairs Bureau); legal-support 法的支援のため (For legal support); consumer-support 消費生活相談のため (For consumer counselling)
             * @enum {string}
             */
            purpose: "counseling" | "advice" | "deletion-request" | "platform-notice" | "disclosure-request" | "police-report" | "human-rights-remedy" | "legal-support" | "consumer-support";
            recipient: string;
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
