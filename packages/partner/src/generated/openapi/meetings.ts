// Generated from schemas/openapi/meetings.json by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Council meetings, newest first / 連絡会の一覧
         * @description The secretariat sees every meeting; members and observers those their body is invited to.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Meetings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *           "number": 12,
                         *           "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *           "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *           "heldOn": "2026-12-10",
                         *           "startTime": "14:00",
                         *           "place": "総務省 第1会議室",
                         *           "onlineLink": "https://meet.example.jp/liaison-12",
                         *           "reviewFrom": "2026-04",
                         *           "reviewTo": "2026-09",
                         *           "minutesApproved": false
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["MeetingSummary"][];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
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
        /** Schedule a meeting (secretariat) / 連絡会の開催予定 */
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
                     *       "heldOn": "2026-12-10",
                     *       "startTime": "14:00",
                     *       "place": "総務省 第1会議室",
                     *       "onlineLink": "https://meet.example.jp/liaison-12",
                     *       "reviewFrom": "2026-04",
                     *       "reviewTo": "2026-09"
                     *     }
                     */
                    "application/json": components["schemas"]["ScheduleMeeting"];
                };
            };
            responses: {
                /** @description Scheduled; invitations from the registry */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
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
    "/v1/meetings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One meeting as your role may see it / 連絡会
         * @description Observers: the agenda, approved minutes and the report. Members: also their own body’s action items (raised here, and carried from earlier meetings until done). The secretariat: everything, the draft minutes included.
         */
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
                /** @description The meeting */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
        /** Change a meeting’s particulars or invitations (secretariat) / 開催情報の変更 */
        patch: {
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
                     *       "heldOn": "2026-12-11",
                     *       "place": null
                     *     }
                     */
                    "application/json": components["schemas"]["UpdateMeeting"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
        trace?: never;
    };
    "/v1/meetings/{id}/action-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Raise an action item (secretariat) / 対応事項の追加 */
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
                     *       "title": "削除依頼の対応期限の集計方法を整理する",
                     *       "owner": "sia",
                     *       "dueOn": "2027-03-31"
                     *     }
                     */
                    "application/json": components["schemas"]["AddActionItem"];
                };
            };
            responses: {
                /** @description Raised; carried to later meetings until closed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *       "title": "削除依頼の対応期限の集計方法を整理する",
                         *       "owner": "sia",
                         *       "dueOn": "2027-03-31",
                         *       "raisedAt": {
                         *         "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *         "number": 12
                         *       },
                         *       "status": "open",
                         *       "closedAt": null
                         *     }
                         */
                        "application/json": components["schemas"]["MeetingActionItem"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
    "/v1/meetings/{id}/action-items/{itemId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close an action item at this meeting (secretariat) / 対応事項の完了
         * @description The item may have been raised at this meeting or an earlier one; the meeting that closed it is recorded.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Closed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not possible in the meeting’s state (approved minutes are frozen; an item closed already) */
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
    "/v1/meetings/{id}/agenda-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an agenda item (secretariat) / 議題の追加 */
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
                     *       "title": "上半期の相談状況について",
                     *       "presenter": "center"
                     *     }
                     */
                    "application/json": components["schemas"]["AddAgendaItem"];
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *       "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "position": 1,
                         *       "title": "上半期の相談状況について",
                         *       "presenter": "center"
                         *     }
                         */
                        "application/json": components["schemas"]["MeetingAgendaItem"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
    "/v1/meetings/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record attendance of invited bodies (secretariat) / 出席の記録 */
        put: {
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
                     *       "attendance": [
                     *         {
                     *           "body": "sia",
                     *           "status": "present"
                     *         },
                     *         {
                     *           "body": "mic",
                     *           "status": "online"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RecordAttendance"];
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
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/minutes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save the draft minutes (secretariat) / 議事録案の保存 */
        put: {
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
                     *       "text": "1. 上半期の相談状況について、事務局から報告があった。"
                     *     }
                     */
                    "application/json": components["schemas"]["SaveMinutes"];
                };
            };
            responses: {
                /** @description Saved (seen by the secretariat only until approved) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not possible in the meeting’s state (approved minutes are frozen; an item closed already) */
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/minutes/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve the minutes (secretariat) / 議事録の承認 */
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
                /** @description Approved: frozen, and visible to every invited body */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "id": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "number": 12,
                         *       "titleJa": "第12回 違法・有害情報相談機関連絡会",
                         *       "titleEn": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12",
                         *       "heldOn": "2026-12-10",
                         *       "startTime": "14:00",
                         *       "place": "総務省 第1会議室",
                         *       "onlineLink": "https://meet.example.jp/liaison-12",
                         *       "reviewFrom": "2026-04",
                         *       "reviewTo": "2026-09",
                         *       "minutesApproved": false,
                         *       "invitations": [
                         *         {
                         *           "body": "center",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         },
                         *         {
                         *           "body": "mic",
                         *           "role": "observer",
                         *           "attendance": "online"
                         *         },
                         *         {
                         *           "body": "sia",
                         *           "role": "member",
                         *           "attendance": "present"
                         *         }
                         *       ],
                         *       "agenda": [
                         *         {
                         *           "id": "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
                         *           "position": 1,
                         *           "title": "上半期の相談状況について",
                         *           "presenter": "center"
                         *         }
                         *       ],
                         *       "minutes": null,
                         *       "draftMinutes": {
                         *         "text": "1. 上半期の相談状況について、事務局から報告があった。",
                         *         "updatedAt": "2026-12-10T08:00:00.000Z"
                         *       },
                         *       "actionItems": [
                         *         {
                         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                         *           "title": "削除依頼の対応期限の集計方法を整理する",
                         *           "owner": "sia",
                         *           "dueOn": "2027-03-31",
                         *           "raisedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12
                         *           },
                         *           "status": "open",
                         *           "closedAt": null
                         *         }
                         *       ],
                         *       "carriedActionItems": [
                         *         {
                         *           "id": "9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d",
                         *           "title": "照会様式の改訂案を作成する",
                         *           "owner": "hotline",
                         *           "dueOn": "2026-11-30",
                         *           "raisedAt": {
                         *             "meetingId": "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
                         *             "number": 11
                         *           },
                         *           "status": "closed",
                         *           "closedAt": {
                         *             "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *             "number": 12,
                         *             "at": "2026-12-10T07:30:00.000Z"
                         *           }
                         *         }
                         *       ],
                         *       "report": null
                         *     }
                         */
                        "application/json": components["schemas"]["Meeting"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not possible in the meeting’s state (approved minutes are frozen; an item closed already) */
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
    "/v1/meetings/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The meeting report’s versions, newest first / 会議報告の版
         * @description Members and observers of invited bodies: approved versions only. The secretariat: drafts too.
         */
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
                /** @description Versions (without their content) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "reportId": "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
                         *           "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *           "version": 1,
                         *           "period": "FY2025",
                         *           "status": "approved",
                         *           "releaseIds": [
                         *             "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *             "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"
                         *           ],
                         *           "contentHash": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184",
                         *           "approvedBy": "center",
                         *           "approvedAt": "2026-12-10T06:00:00.000Z",
                         *           "createdAt": "2026-12-01T01:00:00.000Z"
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: components["schemas"]["MeetingReportVersionSummary"][];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
        /**
         * Draft the meeting report from published releases (secretariat) / 会議報告案の作成
         * @description Builds the report of a fiscal year or quarter from published statistics releases only and stores it as the next version (a draft). Refused (409) when a month of the period, or the period itself, is not released — the message names the months.
         */
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
                     *       "period": "FY2025"
                     *     }
                     */
                    "application/json": components["schemas"]["DraftMeetingReport"];
                };
            };
            responses: {
                /** @description Drafted: the next version */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "reportId": "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
                         *       "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "version": 1,
                         *       "period": "FY2025",
                         *       "status": "approved",
                         *       "releaseIds": [
                         *         "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *         "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"
                         *       ],
                         *       "contentHash": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184",
                         *       "approvedBy": "center",
                         *       "approvedAt": "2026-12-10T06:00:00.000Z",
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "report": {
                         *         "format": "liaison.meeting-report/1",
                         *         "title": {
                         *           "ja": "第12回 違法・有害情報相談機関連絡会",
                         *           "en": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12"
                         *         },
                         *         "period": {
                         *           "id": "FY2025",
                         *           "grain": "fiscal-year",
                         *           "labelJa": "2025年度",
                         *           "labelEn": "FY2025",
                         *           "months": [
                         *             "2025-04",
                         *             "…",
                         *             "2026-03"
                         *           ]
                         *         },
                         *         "comparison": {
                         *           "id": "FY2024",
                         *           "labelJa": "2024年度",
                         *           "labelEn": "FY2024"
                         *         },
                         *         "releases": [
                         *           {
                         *             "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *             "period": "FY2025"
                         *           },
                         *           {
                         *             "id": "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e",
                         *             "period": "FY2024"
                         *           }
                         *         ],
                         *         "empty": false,
                         *         "sections": [],
                         *         "tables": [],
                         *         "sentences": [],
                         *         "status": "approved",
                         *         "approval": {
                         *           "version": 1,
                         *           "approvedBy": "center",
                         *           "approvedAt": "2026-12-10T06:00:00.000Z",
                         *           "digest": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184"
                         *         }
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["MeetingReportVersion"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not possible: a month of the period (named) or the period itself is not released yet; or the version is approved and frozen */
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
    "/v1/meetings/{id}/report/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version of the meeting report / 会議報告
         * @description Members and observers of invited bodies: approved versions only (a draft answers 404). The secretariat: drafts too.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The report version (1 is the first draft) */
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The version, with its report model */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "reportId": "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
                         *       "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "version": 1,
                         *       "period": "FY2025",
                         *       "status": "approved",
                         *       "releaseIds": [
                         *         "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *         "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"
                         *       ],
                         *       "contentHash": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184",
                         *       "approvedBy": "center",
                         *       "approvedAt": "2026-12-10T06:00:00.000Z",
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "report": {
                         *         "format": "liaison.meeting-report/1",
                         *         "title": {
                         *           "ja": "第12回 違法・有害情報相談機関連絡会",
                         *           "en": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12"
                         *         },
                         *         "period": {
                         *           "id": "FY2025",
                         *           "grain": "fiscal-year",
                         *           "labelJa": "2025年度",
                         *           "labelEn": "FY2025",
                         *           "months": [
                         *             "2025-04",
                         *             "…",
                         *             "2026-03"
                         *           ]
                         *         },
                         *         "comparison": {
                         *           "id": "FY2024",
                         *           "labelJa": "2024年度",
                         *           "labelEn": "FY2024"
                         *         },
                         *         "releases": [
                         *           {
                         *             "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *             "period": "FY2025"
                         *           },
                         *           {
                         *             "id": "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e",
                         *             "period": "FY2024"
                         *           }
                         *         ],
                         *         "empty": false,
                         *         "sections": [],
                         *         "tables": [],
                         *         "sentences": [],
                         *         "status": "approved",
                         *         "approval": {
                         *           "version": 1,
                         *           "approvedBy": "center",
                         *           "approvedAt": "2026-12-10T06:00:00.000Z",
                         *           "digest": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184"
                         *         }
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["MeetingReportVersion"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
    "/v1/meetings/{id}/report/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft report (secretariat) / 会議報告の承認
         * @description Freezes the version (its content, digest, approving body and time never change) and makes it visible to every invited body.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The report version (1 is the first draft) */
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Approved and frozen */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "reportId": "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
                         *       "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "version": 1,
                         *       "period": "FY2025",
                         *       "status": "approved",
                         *       "releaseIds": [
                         *         "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *         "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"
                         *       ],
                         *       "contentHash": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184",
                         *       "approvedBy": "center",
                         *       "approvedAt": "2026-12-10T06:00:00.000Z",
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "report": {
                         *         "format": "liaison.meeting-report/1",
                         *         "title": {
                         *           "ja": "第12回 違法・有害情報相談機関連絡会",
                         *           "en": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12"
                         *         },
                         *         "period": {
                         *           "id": "FY2025",
                         *           "grain": "fiscal-year",
                         *           "labelJa": "2025年度",
                         *           "labelEn": "FY2025",
                         *           "months": [
                         *             "2025-04",
                         *             "…",
                         *             "2026-03"
                         *           ]
                         *         },
                         *         "comparison": {
                         *           "id": "FY2024",
                         *           "labelJa": "2024年度",
                         *           "labelEn": "FY2024"
                         *         },
                         *         "releases": [
                         *           {
                         *             "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *             "period": "FY2025"
                         *           },
                         *           {
                         *             "id": "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e",
                         *             "period": "FY2024"
                         *           }
                         *         ],
                         *         "empty": false,
                         *         "sections": [],
                         *         "tables": [],
                         *         "sentences": [],
                         *         "status": "approved",
                         *         "approval": {
                         *           "version": 1,
                         *           "approvedBy": "center",
                         *           "approvedAt": "2026-12-10T06:00:00.000Z",
                         *           "digest": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184"
                         *         }
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["MeetingReportVersion"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not possible: a month of the period (named) or the period itself is not released yet; or the version is approved and frozen */
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
    "/v1/meetings/{id}/report/{version}/html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version of the meeting report as an A4 HTML document / 会議報告（HTML）
         * @description The report printed as one self-contained HTML document (no script, nothing fetched). Who may read it: as for the JSON.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The report version (1 is the first draft) */
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The HTML document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /** @example <!doctype html><html lang="ja"><head><meta charset="utf-8"><title>第12回 違法・有害情報相談機関連絡会</title></head><body>…</body></html> */
                        "text/html": string;
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
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
    "/v1/meetings/{id}/report/{version}/sentences/{sentenceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit or omit a sentence of a draft report (secretariat) / 会議報告案の文の編集
         * @description The rule’s own text and its cells are kept beside the wording. Refused (409) once the version is approved.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The sentence (its rule id, docs/report.md) */
                    sentenceId: string;
                    /** @description The report version (1 is the first draft) */
                    version: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "text": {
                     *         "ja": "2025年度の相談件数は合計1,234件でした。"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["EditMeetingReportSentence"];
                };
            };
            responses: {
                /** @description Edited */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "reportId": "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
                         *       "meetingId": "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                         *       "version": 1,
                         *       "period": "FY2025",
                         *       "status": "approved",
                         *       "releaseIds": [
                         *         "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *         "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"
                         *       ],
                         *       "contentHash": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184",
                         *       "approvedBy": "center",
                         *       "approvedAt": "2026-12-10T06:00:00.000Z",
                         *       "createdAt": "2026-12-01T01:00:00.000Z",
                         *       "report": {
                         *         "format": "liaison.meeting-report/1",
                         *         "title": {
                         *           "ja": "第12回 違法・有害情報相談機関連絡会",
                         *           "en": "Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12"
                         *         },
                         *         "period": {
                         *           "id": "FY2025",
                         *           "grain": "fiscal-year",
                         *           "labelJa": "2025年度",
                         *           "labelEn": "FY2025",
                         *           "months": [
                         *             "2025-04",
                         *             "…",
                         *             "2026-03"
                         *           ]
                         *         },
                         *         "comparison": {
                         *           "id": "FY2024",
                         *           "labelJa": "2024年度",
                         *           "labelEn": "FY2024"
                         *         },
                         *         "releases": [
                         *           {
                         *             "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                         *             "period": "FY2025"
                         *           },
                         *           {
                         *             "id": "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e",
                         *             "period": "FY2024"
                         *           }
                         *         ],
                         *         "empty": false,
                         *         "sections": [],
                         *         "tables": [],
                         *         "sentences": [],
                         *         "status": "approved",
                         *         "approval": {
                         *           "version": 1,
                         *           "approvedBy": "center",
                         *           "approvedAt": "2026-12-10T06:00:00.000Z",
                         *           "digest": "b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184"
                         *         }
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["MeetingReportVersion"];
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
                /** @description Wrong body or role (changes are the secretariat’s) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such meeting (or your body is not invited to it) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not possible: a month of the period (named) or the period itself is not released yet; or the version is approved and frozen */
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
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AddActionItem: {
            /**
             * Format: date
             * @description When it is due
             * @example 2026-12-10
             */
            dueOn: string;
            /**
             * @description The body that owns it
             * @example sia
             */
            owner: string;
            /** @description What is to be done */
            title: string;
        };
        AddAgendaItem: {
            /** @description Place on the agenda; by default the end */
            position?: number;
            /**
             * @description The body that presents it
             * @example sia
             */
            presenter: string;
            /** @description The agenda item, as the agenda prints it */
            title: string;
        };
        DraftMeetingReport: {
            /**
             * @description The report’s period: a fiscal year (April–March) or a fiscal quarter (Q1 = April–June)
             * @example FY2025
             */
            period: string;
        };
        EditMeetingReportSentence: {
            /** @description true: leave the sentence out of the report; false: put it back */
            omit?: boolean;
            /** @description The secretariat’s wording (the rule’s own text is kept beside it) */
            text?: {
                /** @description The English wording */
                en?: string;
                /** @description The Japanese wording */
                ja?: string;
            };
        };
        Error: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string | null;
            };
        };
        Meeting: {
            /** @description Members (their own body’s) and the secretariat: raised at this meeting */
            actionItems?: components["schemas"]["MeetingActionItem"][];
            agenda: {
                /** Format: uuid */
                id: string;
                position: number;
                presenter: string;
                title: string;
            }[];
            /** @description Members (their own body’s) and the secretariat: raised earlier, still open when this meeting met */
            carriedActionItems?: components["schemas"]["MeetingActionItem"][];
            /** @description The secretariat only: the draft while not approved */
            draftMinutes?: {
                text: string;
                updatedAt: string;
            } | null;
            heldOn: string;
            /** Format: uuid */
            id: string;
            invitations: {
                /** @enum {string|null} */
                attendance: "present" | "online" | "absent" | null;
                body: string;
                /** @enum {string} */
                role: "member" | "observer";
            }[];
            /** @description Approved minutes; null until approved */
            minutes: {
                approvedAt: string;
                text: string;
            } | null;
            minutesApproved: boolean;
            number: number;
            onlineLink: string | null;
            place: string | null;
            /** @description The latest approved version of the meeting report (built from published releases only); null until one is approved */
            report: {
                approvedAt: string;
                releaseIds: string[];
                /** Format: uuid */
                reportId: string;
                version: number;
            } | null;
            reviewFrom: string;
            reviewTo: string;
            startTime: string | null;
            titleEn: string;
            titleJa: string;
        };
        MeetingActionItem: {
            closedAt: {
                at: string;
                /** Format: uuid */
                meetingId: string;
                number: number;
            } | null;
            dueOn: string;
            /** Format: uuid */
            id: string;
            owner: string;
            raisedAt: {
                /** Format: uuid */
                meetingId: string;
                number: number;
            };
            /** @enum {string} */
            status: "open" | "closed";
            title: string;
        };
        MeetingAgendaItem: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            position: number;
            presenter: string;
            title: string;
        };
        MeetingReportVersion: {
            approvedAt: string | null;
            /** @description The approving body (registry code) */
            approvedBy: string | null;
            /** @description sha256 digest of the approved content; null for a draft */
            contentHash: string | null;
            createdAt: string;
            /** Format: uuid */
            meetingId: string;
            period: string;
            releaseIds: string[];
            /** @description The report model (format liaison.meeting-report/1, docs/report.md): sections, tables, sentences; every number a published release’s */
            report: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            reportId: string;
            /** @enum {string} */
            status: "draft" | "approved";
            version: number;
        };
        MeetingReportVersionSummary: {
            approvedAt: string | null;
            /** @description The approving body (registry code) */
            approvedBy: string | null;
            /** @description sha256 digest of the approved content; null for a draft */
            contentHash: string | null;
            createdAt: string;
            /** Format: uuid */
            meetingId: string;
            period: string;
            releaseIds: string[];
            /** Format: uuid */
            reportId: string;
            /** @enum {string} */
            status: "draft" | "approved";
            version: number;
        };
        MeetingSummary: {
            heldOn: string;
            /** Format: uuid */
            id: string;
            minutesApproved: boolean;
            number: number;
            onlineLink: string | null;
            place: string | null;
            reviewFrom: string;
            reviewTo: string;
            startTime: string | null;
            titleEn: string;
            titleJa: string;
        };
        RecordAttendance: {
            attendance: {
                /**
                 * @description Registry code of a council body
                 * @example sia
                 */
                body: string;
                /** @enum {string} */
                status: "present" | "online" | "absent";
            }[];
        };
        SaveMinutes: {
            /** @description The minutes (free text); seen by the secretariat only until approved */
            text: string;
        };
        ScheduleMeeting: {
            /**
             * Format: date
             * @description The day of the meeting
             * @example 2026-12-10
             */
            heldOn: string;
            /** @description Bodies invited; by default every member and observer in the registry */
            invited?: string[];
            /** @description 第N回; by default the next number */
            number?: number;
            /**
             * Format: uri
             * @description Where invited bodies join online (https)
             * @example https://meet.example.jp/liaison-12
             */
            onlineLink?: string;
            /** @description Where the meeting is held */
            place?: string;
            /**
             * @description First month the meeting reviews
             * @example 2026-04
             */
            reviewFrom: string;
            /**
             * @description Last month the meeting reviews (inclusive)
             * @example 2026-04
             */
            reviewTo: string;
            /**
             * @description Start time, Japan time
             * @example 14:00
             */
            startTime?: string;
        };
        UpdateMeeting: {
            /**
             * Format: date
             * @description The day of the meeting
             * @example 2026-12-10
             */
            heldOn?: string;
            invited?: string[];
            number?: number;
            /**
             * Format: uri
             * @description Where invited bodies join online (https)
             * @example https://meet.example.jp/liaison-12
             */
            onlineLink?: string | null;
            /** @description Where the meeting is held */
            place?: string | null;
            /** @example 2026-04 */
            reviewFrom?: string;
            /** @example 2026-04 */
            reviewTo?: string;
            /**
             * @description Start time, Japan time
             * @example 14:00
             */
            startTime?: string | null;
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
