// Generated from schemas/openapi/stats.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/stats/own": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My body's exact live statistics / 自機関の統計（速報・実数） */
        get: {
            parameters: {
                query: {
                    /** @description Month (JST), fiscal quarter (Q1 = April–June) or fiscal year (April–March) */
                    period: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Exact counts of the caller's body only (open periods included) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "period": "2026-11",
                         *       "grain": "month",
                         *       "labelJa": "2026年11月",
                         *       "labelEn": "November 2026",
                         *       "body": "center",
                         *       "live": true,
                         *       "tables": [
                         *         {
                         *           "id": "referral-flows",
                         *           "titleJa": "機関間の照会（送付元 × 送付先）",
                         *           "titleEn": "Referral flows (sender × recipient)",
                         *           "measure": "count",
                         *           "k": 10,
                         *           "rows": [
                         *             {
                         *               "code": "center",
                         *               "ja": "違法・有害情報相談センター",
                         *               "en": "Illegal and Harmful Information Consultation Center"
                         *             }
                         *           ],
                         *           "cols": [
                         *             {
                         *               "code": "sia",
                         *               "ja": "セーファーインターネット協会",
                         *               "en": "Safer Internet Association"
                         *             },
                         *             {
                         *               "code": "hotline",
                         *               "ja": "インターネット・ホットラインセンター",
                         *               "en": "Internet Hotline Center"
                         *             }
                         *           ],
                         *           "margins": {
                         *             "rows": true,
                         *             "cols": true,
                         *             "total": true
                         *           },
                         *           "cells": [
                         *             {
                         *               "row": "center",
                         *               "col": "sia",
                         *               "value": 48,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "center",
                         *               "col": "hotline",
                         *               "value": 3,
                         *               "suppressed": false
                         *             }
                         *           ]
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": components["schemas"]["OwnBodyStatistics"];
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
    "/v1/stats/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Statistics releases, newest first / 統計の公表一覧 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Immutable snapshots of closed periods */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "id": "5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f",
                         *           "period": "2026-10",
                         *           "grain": "month",
                         *           "fiscalYear": 2026,
                         *           "labelJa": "2026年10月",
                         *           "labelEn": "October 2026",
                         *           "builtAt": "2026-11-09T00:00:03.000Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["StatisticsReleaseSummary"][];
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
        /** Release a closed period now (secretariat) / 統計の公表（臨時） */
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
                     *       "period": "2026-10"
                     *     }
                     */
                    "application/json": components["schemas"]["RequestRelease"];
                };
            };
            responses: {
                /** @description Released (with its months and quarters first, when missing) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f",
                         *       "period": "2026-10",
                         *       "grain": "month",
                         *       "fiscalYear": 2026,
                         *       "labelJa": "2026年10月",
                         *       "labelEn": "October 2026",
                         *       "builtAt": "2026-11-09T00:00:03.000Z",
                         *       "tables": [
                         *         {
                         *           "id": "referral-flows",
                         *           "titleJa": "機関間の照会（送付元 × 送付先）",
                         *           "titleEn": "Referral flows (sender × recipient)",
                         *           "measure": "count",
                         *           "k": 10,
                         *           "rows": [
                         *             {
                         *               "code": "center",
                         *               "ja": "違法・有害情報相談センター",
                         *               "en": "Illegal and Harmful Information Consultation Center"
                         *             },
                         *             {
                         *               "code": "tokyo",
                         *               "ja": "東京都",
                         *               "en": "Tokyo Metropolitan Government"
                         *             }
                         *           ],
                         *           "cols": [
                         *             {
                         *               "code": "sia",
                         *               "ja": "セーファーインターネット協会",
                         *               "en": "Safer Internet Association"
                         *             },
                         *             {
                         *               "code": "hotline",
                         *               "ja": "インターネット・ホットラインセンター",
                         *               "en": "Internet Hotline Center"
                         *             }
                         *           ],
                         *           "margins": {
                         *             "rows": true,
                         *             "cols": true,
                         *             "total": true
                         *           },
                         *           "cells": [
                         *             {
                         *               "row": "center",
                         *               "col": "sia",
                         *               "value": 48,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "center",
                         *               "col": "hotline",
                         *               "value": null,
                         *               "suppressed": true
                         *             },
                         *             {
                         *               "row": "tokyo",
                         *               "col": "sia",
                         *               "value": 0,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "tokyo",
                         *               "col": "hotline",
                         *               "value": null,
                         *               "suppressed": true
                         *             },
                         *             {
                         *               "row": "center",
                         *               "col": "_total",
                         *               "value": 61,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "tokyo",
                         *               "col": "_total",
                         *               "value": 12,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "_total",
                         *               "col": "sia",
                         *               "value": 48,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "_total",
                         *               "col": "hotline",
                         *               "value": 25,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "_total",
                         *               "col": "_total",
                         *               "value": 73,
                         *               "suppressed": false
                         *             }
                         *           ]
                         *         }
                         *       ],
                         *       "manifest": {
                         *         "format": "liaison-disclosure-manifest/1",
                         *         "auditMethod": "lp-relaxation",
                         *         "cells": 9,
                         *         "published": 7,
                         *         "suppressed": 2
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["StatisticsRelease"];
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
                /** @description The period has not closed, or is released already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Disclosure control could not protect the release; nothing was published */
                422: {
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
    "/v1/stats/releases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One release: its tables (秘匿 cells without a value) and its audit manifest / 統計の公表 */
        get: {
            parameters: {
                query?: {
                    /** @description Only this table (the read is logged with it) */
                    table?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The release (every read is logged: who, which release and table, when) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f",
                         *       "period": "2026-10",
                         *       "grain": "month",
                         *       "fiscalYear": 2026,
                         *       "labelJa": "2026年10月",
                         *       "labelEn": "October 2026",
                         *       "builtAt": "2026-11-09T00:00:03.000Z",
                         *       "tables": [
                         *         {
                         *           "id": "referral-flows",
                         *           "titleJa": "機関間の照会（送付元 × 送付先）",
                         *           "titleEn": "Referral flows (sender × recipient)",
                         *           "measure": "count",
                         *           "k": 10,
                         *           "rows": [
                         *             {
                         *               "code": "center",
                         *               "ja": "違法・有害情報相談センター",
                         *               "en": "Illegal and Harmful Information Consultation Center"
                         *             },
                         *             {
                         *               "code": "tokyo",
                         *               "ja": "東京都",
                         *               "en": "Tokyo Metropolitan Government"
                         *             }
                         *           ],
                         *           "cols": [
                         *             {
                         *               "code": "sia",
                         *               "ja": "セーファーインターネット協会",
                         *               "en": "Safer Internet Association"
                         *             },
                         *             {
                         *               "code": "hotline",
                         *               "ja": "インターネット・ホットラインセンター",
                         *               "en": "Internet Hotline Center"
                         *             }
                         *           ],
                         *           "margins": {
                         *             "rows": true,
                         *             "cols": true,
                         *             "total": true
                         *           },
                         *           "cells": [
                         *             {
                         *               "row": "center",
                         *               "col": "sia",
                         *               "value": 48,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "center",
                         *               "col": "hotline",
                         *               "value": null,
                         *               "suppressed": true
                         *             },
                         *             {
                         *               "row": "tokyo",
                         *               "col": "sia",
                         *               "value": 0,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "tokyo",
                         *               "col": "hotline",
                         *               "value": null,
                         *               "suppressed": true
                         *             },
                         *             {
                         *               "row": "center",
                         *               "col": "_total",
                         *               "value": 61,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "tokyo",
                         *               "col": "_total",
                         *               "value": 12,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "_total",
                         *               "col": "sia",
                         *               "value": 48,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "_total",
                         *               "col": "hotline",
                         *               "value": 25,
                         *               "suppressed": false
                         *             },
                         *             {
                         *               "row": "_total",
                         *               "col": "_total",
                         *               "value": 73,
                         *               "suppressed": false
                         *             }
                         *           ]
                         *         }
                         *       ],
                         *       "manifest": {
                         *         "format": "liaison-disclosure-manifest/1",
                         *         "auditMethod": "lp-relaxation",
                         *         "cells": 9,
                         *         "published": 7,
                         *         "suppressed": 2
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["StatisticsRelease"];
                    };
                };
                /** @description Not modified: If-None-Match named this answer (its ETag; a release never changes). The read is logged all the same */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
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
                /** @description No such release */
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
    "/v1/stats/releases/{id}/manifest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit manifest of a release / 秘匿処理の監査マニフェスト */
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
                /** @description Every cell (value or null), every constraint and the feasibility interval of each suppressed cell: re-check the release from the published numbers alone */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "format": "liaison-disclosure-manifest/1",
                         *       "audience": "public",
                         *       "release": {
                         *         "id": "5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f",
                         *         "period": "2026-10"
                         *       },
                         *       "cells": [
                         *         {
                         *           "id": "5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f/referral-flows/center/hotline",
                         *           "value": null,
                         *           "status": "suppressed",
                         *           "interval": {
                         *             "lo": 0,
                         *             "hi": 13
                         *           }
                         *         }
                         *       ],
                         *       "constraints": [
                         *         {
                         *           "kind": "margin",
                         *           "terms": [
                         *             {
                         *               "cell": "5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f/referral-flows/center/_total",
                         *               "coef": 1
                         *             }
                         *           ]
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            [key: string]: unknown;
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
                /** @description No such release */
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
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        OwnBodyStatistics: {
            body: string;
            /** @enum {string} */
            grain: "month" | "quarter" | "fiscal-year";
            labelEn: string;
            labelJa: string;
            /** @enum {boolean} */
            live: true;
            period: string;
            tables: components["schemas"]["StatisticsTable"][];
        };
        RequestRelease: {
            /**
             * @description Month (JST), fiscal quarter (Q1 = April–June) or fiscal year (April–March)
             * @example 2026-10
             */
            period: string;
        };
        StatisticsCell: {
            /** @description Column code; _total for a margin */
            col: string;
            /** @description Row code; _total for a margin */
            row: string;
            suppressed: boolean;
            /** @description The count (or median days); null when suppressed (秘匿) */
            value: number | null;
        };
        StatisticsLabel: {
            code: string;
            en: string;
            ja: string;
        };
        StatisticsRelease: {
            builtAt: string;
            fiscalYear: number;
            /** @enum {string} */
            grain: "month" | "quarter" | "fiscal-year";
            /** Format: uuid */
            id: string;
            labelEn: string;
            labelJa: string;
            /** @description The audit manifest in brief; the whole manifest at /v1/stats/releases/{id}/manifest */
            manifest: {
                auditMethod: string;
                cells: number;
                format: string;
                published: number;
                suppressed: number;
            };
            period: string;
            tables: components["schemas"]["StatisticsTable"][];
        };
        StatisticsReleaseSummary: {
            builtAt: string;
            fiscalYear: number;
            /** @enum {string} */
            grain: "month" | "quarter" | "fiscal-year";
            /** Format: uuid */
            id: string;
            labelEn: string;
            labelJa: string;
            period: string;
        };
        StatisticsTable: {
            cells: components["schemas"]["StatisticsCell"][];
            cols: components["schemas"]["StatisticsLabel"][];
            id: string;
            k: number;
            margins: {
                cols: boolean;
                rows: boolean;
                total: boolean;
            };
            /** @enum {string} */
            measure: "count" | "median-days";
            rows: components["schemas"]["StatisticsLabel"][];
            titleEn: string;
            titleJa: string;
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
