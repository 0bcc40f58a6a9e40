// Generated from schemas/events by `pnpm --filter @liaison/partner gen`. Do not edit by hand.

/** The JSON Schema (2020-12) of every event type, as published in schemas/events. */
export const eventSchemas = [
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.audit.checkpoint.v1.json",
    "title": "AuditCheckpointV1",
    "description": "A signed checkpoint of the audit log's hash chain: the sealed position, the hash at that position and when (UTC). Kept outside Postgres (this topic, a file, the log stream) so that a chain cut off and its head moved back is still found by `audit:verify --checkpoint`. No entry contents.",
    "x-liaison": {
      "type": "jp.liaison.audit.checkpoint.v1",
      "topic": "liaison.audit",
      "aggregate": "audit-chain"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "chain",
      "position",
      "hash",
      "at",
      "keyId",
      "signature"
    ],
    "properties": {
      "chain": {
        "type": "string",
        "pattern": "^[a-z]{1,32}$",
        "description": "The chain's name (main)."
      },
      "position": {
        "type": "integer",
        "minimum": 1
      },
      "hash": {
        "type": "string",
        "pattern": "^[0-9a-f]{64}$"
      },
      "at": {
        "type": "string",
        "format": "date-time",
        "description": "When the checkpoint was made, UTC."
      },
      "keyId": {
        "type": "string",
        "pattern": "^[A-Za-z0-9_-]{8,64}$",
        "description": "Which signing key (derived from the audit key): the first bytes of its public key's SHA-256."
      },
      "signature": {
        "type": "string",
        "pattern": "^[A-Za-z0-9_-]{86}$",
        "description": "Ed25519 over `liaison-audit-checkpoint/v1|chain|position|hash|at`, base64url."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.case.action_outcome.v1.json",
    "title": "CaseActionOutcomeV1",
    "description": "The outcome of an action on a case (e.g. a platform's answer to an Art. 25 request), for statistics: codes, times and whether the statutory clock was kept. Ids and codes only.",
    "x-liaison": {
      "type": "jp.liaison.case.action_outcome.v1",
      "topic": "liaison.cases",
      "aggregate": "case"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "caseId",
      "actionId",
      "agency",
      "action",
      "outcome",
      "category",
      "designatedPlatform",
      "requestedAt",
      "decidedAt"
    ],
    "properties": {
      "caseId": {
        "type": "string",
        "format": "uuid"
      },
      "actionId": {
        "type": "string",
        "format": "uuid"
      },
      "agency": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$"
      },
      "action": {
        "type": "string",
        "pattern": "^[a-z0-9-]{2,40}$"
      },
      "outcome": {
        "type": "string",
        "pattern": "^[a-z0-9-]{2,40}$"
      },
      "category": {
        "type": "string",
        "pattern": "^[RIHBCPZ][0-9]{2}$"
      },
      "designatedPlatform": {
        "type": "boolean"
      },
      "operator": {
        "type": "string",
        "minLength": 1,
        "maxLength": 100,
        "description": "Operator of a designated large platform only."
      },
      "clock": {
        "type": "string",
        "enum": [
          "art25-decision",
          "sender-objection"
        ],
        "description": "The statutory clock the action started, if any."
      },
      "requestedAt": {
        "type": "string",
        "format": "date-time"
      },
      "decidedAt": {
        "type": "string",
        "format": "date-time",
        "description": "When the outcome was recorded."
      },
      "withinClock": {
        "type": "boolean",
        "description": "With a clock: whether the outcome came before it ran out."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.case.clock_missed.v1.json",
    "title": "CaseClockMissedV1",
    "description": "A statutory clock on an action towards a platform ran out without an outcome (e.g. no Art. 25 decision notice within 7 days). Emitted once per action. Ids and codes only.",
    "x-liaison": {
      "type": "jp.liaison.case.clock_missed.v1",
      "topic": "liaison.cases",
      "aggregate": "case"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "caseId",
      "actionId",
      "agency",
      "action",
      "clock",
      "dueAt"
    ],
    "properties": {
      "caseId": {
        "type": "string",
        "format": "uuid"
      },
      "actionId": {
        "type": "string",
        "format": "uuid"
      },
      "agency": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$"
      },
      "action": {
        "type": "string",
        "pattern": "^[a-z0-9-]{2,40}$"
      },
      "clock": {
        "type": "string",
        "enum": [
          "art25-decision",
          "sender-objection"
        ]
      },
      "designatedPlatform": {
        "type": "boolean"
      },
      "dueAt": {
        "type": "string",
        "format": "date-time"
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.case.fact.v1.json",
    "title": "CaseFactV1",
    "description": "The anonymized facts of a consultation case, for statistics: codes, month, body, durations and keyed hashes of normalised URLs. Never personal data, free text or a raw URL. Replaces the earlier fact of the same case (higher version wins).",
    "x-liaison": {
      "type": "jp.liaison.case.fact.v1",
      "topic": "liaison.cases",
      "aggregate": "case"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "caseId",
      "agency",
      "month",
      "category",
      "consulter",
      "victimUnder18",
      "requestedActions",
      "urlHashes",
      "version"
    ],
    "properties": {
      "caseId": {
        "type": "string",
        "format": "uuid"
      },
      "agency": {
        "$ref": "#/$defs/agencyCode"
      },
      "month": {
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
        "description": "Month the consultation was received (JST)."
      },
      "category": {
        "type": "string",
        "pattern": "^[RIHBCPZ][0-9]{2}$"
      },
      "platformType": {
        "type": "string",
        "pattern": "^[A-Z]{2,3}$",
        "description": "Platform type code (SNS, VID, QA, EC, …)."
      },
      "designatedPlatform": {
        "type": "boolean"
      },
      "operator": {
        "type": "string",
        "minLength": 1,
        "maxLength": 100,
        "description": "The operator of a designated large platform (a published company name, e.g. X, LINEヤフー). Only for designated platforms: a small operator could point to a person."
      },
      "consulter": {
        "type": "string",
        "pattern": "^[A-Z]{3,4}$"
      },
      "victimUnder18": {
        "type": "boolean"
      },
      "requestedActions": {
        "type": "array",
        "items": {
          "type": "string",
          "pattern": "^[a-z0-9-]{2,40}$"
        },
        "maxItems": 20
      },
      "outcome": {
        "type": "string",
        "pattern": "^[a-z0-9-]{2,40}$"
      },
      "urlHashes": {
        "type": "array",
        "items": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]{43}$"
        },
        "maxItems": 50,
        "description": "HMAC-SHA256 (base64url) of each normalised URL under the council key."
      },
      "daysToClose": {
        "type": "integer",
        "minimum": 0
      },
      "version": {
        "type": "integer",
        "minimum": 1
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.consent.revoked.v1.json",
    "title": "ConsentRevokedV1",
    "description": "A person (or their guardian) withdrew consent to sharing: the packages it covered were purged. Recipients must delete any copy they opened. Ids and codes only.",
    "x-liaison": {
      "type": "jp.liaison.consent.revoked.v1",
      "topic": "liaison.cases",
      "aggregate": "case"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "caseId",
      "consentId",
      "owner",
      "recipients",
      "purgedPackages",
      "revokedAt"
    ],
    "properties": {
      "caseId": {
        "type": "string",
        "format": "uuid"
      },
      "consentId": {
        "type": "string",
        "format": "uuid"
      },
      "owner": {
        "$ref": "#/$defs/agencyCode"
      },
      "recipients": {
        "type": "array",
        "items": {
          "$ref": "#/$defs/agencyCode"
        }
      },
      "purgedPackages": {
        "type": "array",
        "items": {
          "type": "string",
          "format": "uuid"
        }
      },
      "revokedAt": {
        "type": "string",
        "format": "date-time"
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.deadline.approaching.v1.json",
    "title": "DeadlineApproachingV1",
    "description": "A referral deadline falls due within a day (期限接近). Emitted once per deadline.",
    "x-liaison": {
      "type": "jp.liaison.deadline.approaching.v1",
      "topic": "liaison.deadlines",
      "aggregate": "referral"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "deadlineId",
      "referralId",
      "sender",
      "recipient",
      "clock",
      "dueAt"
    ],
    "properties": {
      "deadlineId": {
        "type": "string",
        "format": "uuid"
      },
      "referralId": {
        "type": "string",
        "format": "uuid"
      },
      "sender": {
        "$ref": "#/$defs/agencyCode"
      },
      "recipient": {
        "$ref": "#/$defs/agencyCode"
      },
      "clock": {
        "type": "string",
        "enum": [
          "acknowledge",
          "decide",
          "complete"
        ],
        "description": "acknowledge 受領, decide 受諾・辞退の判断, complete 完了"
      },
      "dueAt": {
        "type": "string",
        "format": "date-time"
      },
      "escalatedTo": {
        "$ref": "#/$defs/agencyCode"
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.deadline.missed.v1.json",
    "title": "DeadlineMissedV1",
    "description": "A referral deadline passed unmet (期限超過); escalated to the secretariat. Emitted once per deadline.",
    "x-liaison": {
      "type": "jp.liaison.deadline.missed.v1",
      "topic": "liaison.deadlines",
      "aggregate": "referral"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "deadlineId",
      "referralId",
      "sender",
      "recipient",
      "clock",
      "dueAt"
    ],
    "properties": {
      "deadlineId": {
        "type": "string",
        "format": "uuid"
      },
      "referralId": {
        "type": "string",
        "format": "uuid"
      },
      "sender": {
        "$ref": "#/$defs/agencyCode"
      },
      "recipient": {
        "$ref": "#/$defs/agencyCode"
      },
      "clock": {
        "type": "string",
        "enum": [
          "acknowledge",
          "decide",
          "complete"
        ],
        "description": "acknowledge 受領, decide 受諾・辞退の判断, complete 完了"
      },
      "dueAt": {
        "type": "string",
        "format": "date-time"
      },
      "escalatedTo": {
        "$ref": "#/$defs/agencyCode"
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.action_item_added.v1.json",
    "title": "MeetingActionItemAddedV1",
    "description": "An action item was raised at a meeting, owned by a body, with a due date. Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.action_item_added.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "actionItemId",
      "owner",
      "dueOn"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "actionItemId": {
        "type": "string",
        "format": "uuid"
      },
      "owner": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body."
      },
      "dueOn": {
        "type": "string",
        "format": "date",
        "description": "Japan calendar date (YYYY-MM-DD)."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.action_item_closed.v1.json",
    "title": "MeetingActionItemClosedV1",
    "description": "An action item was closed at a meeting (`meetingId`: the meeting that closed it; `raisedAt`: the one that raised it). Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.action_item_closed.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "actionItemId",
      "raisedAt",
      "owner",
      "closedAt"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "actionItemId": {
        "type": "string",
        "format": "uuid"
      },
      "raisedAt": {
        "type": "string",
        "format": "uuid"
      },
      "owner": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body."
      },
      "closedAt": {
        "type": "string",
        "format": "date-time"
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.agenda_item_added.v1.json",
    "title": "MeetingAgendaItemAddedV1",
    "description": "An agenda item was added to a meeting. Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.agenda_item_added.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "agendaItemId",
      "position",
      "presenter"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "agendaItemId": {
        "type": "string",
        "format": "uuid"
      },
      "position": {
        "type": "integer",
        "minimum": 1
      },
      "presenter": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.attendance_recorded.v1.json",
    "title": "MeetingAttendanceRecordedV1",
    "description": "Attendance of invited bodies was recorded (bodies, never persons). Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.attendance_recorded.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "attendance"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "attendance": {
        "type": "array",
        "minItems": 1,
        "maxItems": 200,
        "items": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "body",
            "status"
          ],
          "properties": {
            "body": {
              "type": "string",
              "pattern": "^[a-z][a-z0-9-]{1,31}$",
              "description": "Registry code of a council body."
            },
            "status": {
              "type": "string",
              "enum": [
                "present",
                "online",
                "absent"
              ]
            }
          }
        }
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.minutes_approved.v1.json",
    "title": "MeetingMinutesApprovedV1",
    "description": "A meeting's minutes were approved: frozen, and visible to every invited body. Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.minutes_approved.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "approvedAt"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "approvedAt": {
        "type": "string",
        "format": "date-time"
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.minutes_drafted.v1.json",
    "title": "MeetingMinutesDraftedV1",
    "description": "The secretariat saved a draft of a meeting's minutes (the text is never on the bus, and not visible to members or observers until approved). Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.minutes_drafted.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "draftedAt"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "draftedAt": {
        "type": "string",
        "format": "date-time"
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.report_approved.v1.json",
    "title": "MeetingReportApprovedV1",
    "description": "A version of a meeting's report was approved: frozen (its digest never changes), and visible to every invited body. Ids and codes only: no titles or sentences; read the version at /v1/meetings/{meetingId}/report/{version}.",
    "x-liaison": {
      "type": "jp.liaison.meeting.report_approved.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "reportId",
      "version",
      "period",
      "releaseIds",
      "digest",
      "approvedAt"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "reportId": {
        "type": "string",
        "format": "uuid"
      },
      "version": {
        "type": "integer",
        "minimum": 1
      },
      "period": {
        "type": "string",
        "pattern": "^(FY[0-9]{4}|[0-9]{4}Q[1-4])$",
        "description": "The report's period: a fiscal year (FY2025) or a fiscal quarter (2025Q3)"
      },
      "releaseIds": {
        "type": "array",
        "items": {
          "type": "string",
          "format": "uuid"
        },
        "description": "The published statistics releases it was built from"
      },
      "digest": {
        "type": "string",
        "pattern": "^[0-9a-f]{64}$",
        "description": "sha256 of the approved report's content"
      },
      "approvedAt": {
        "type": "string",
        "format": "date-time"
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.scheduled.v1.json",
    "title": "MeetingScheduledV1",
    "description": "A council meeting (第N回) was scheduled by the secretariat. Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.scheduled.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "number",
      "heldOn",
      "reviewFrom",
      "reviewTo",
      "invited",
      "online",
      "inPerson"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "number": {
        "type": "integer",
        "minimum": 1
      },
      "heldOn": {
        "type": "string",
        "format": "date",
        "description": "Japan calendar date (YYYY-MM-DD)."
      },
      "reviewFrom": {
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"
      },
      "reviewTo": {
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"
      },
      "invited": {
        "type": "array",
        "items": {
          "type": "string",
          "pattern": "^[a-z][a-z0-9-]{1,31}$",
          "description": "Registry code of a council body."
        },
        "maxItems": 200
      },
      "online": {
        "type": "boolean",
        "description": "An online link is given."
      },
      "inPerson": {
        "type": "boolean",
        "description": "A place is given."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.meeting.updated.v1.json",
    "title": "MeetingUpdatedV1",
    "description": "A meeting's particulars changed; `changed` names the fields (their new values are fetched from the API, with the reader's credentials). Ids and codes only: no titles, minutes or other free text.",
    "x-liaison": {
      "type": "jp.liaison.meeting.updated.v1",
      "topic": "liaison.meetings",
      "aggregate": "meeting"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "meetingId",
      "changed"
    ],
    "properties": {
      "meetingId": {
        "type": "string",
        "format": "uuid"
      },
      "changed": {
        "type": "array",
        "minItems": 1,
        "items": {
          "type": "string",
          "enum": [
            "number",
            "heldOn",
            "startTime",
            "place",
            "onlineLink",
            "reviewFrom",
            "reviewTo",
            "invited"
          ]
        }
      },
      "number": {
        "type": "integer",
        "minimum": 1
      },
      "heldOn": {
        "type": "string",
        "format": "date",
        "description": "Japan calendar date (YYYY-MM-DD)."
      },
      "invited": {
        "type": "array",
        "items": {
          "type": "string",
          "pattern": "^[a-z][a-z0-9-]{1,31}$",
          "description": "Registry code of a council body."
        },
        "maxItems": 200
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.referral.created.v1.json",
    "title": "ReferralCreatedV1",
    "description": "A member body referred (or transferred) a case to another member. Ids and codes only: no personal data, no free text, no URL.",
    "x-liaison": {
      "type": "jp.liaison.referral.created.v1",
      "topic": "liaison.referrals",
      "aggregate": "referral"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "referralId",
      "sender",
      "recipient",
      "kind",
      "category",
      "status",
      "createdAt"
    ],
    "properties": {
      "referralId": {
        "type": "string",
        "format": "uuid",
        "description": "The referral (FHIR Task) id; also the event subject and partition key."
      },
      "sender": {
        "$ref": "#/$defs/agencyCode"
      },
      "recipient": {
        "$ref": "#/$defs/agencyCode"
      },
      "kind": {
        "type": "string",
        "enum": [
          "referral",
          "transfer"
        ],
        "description": "referral: the sender keeps the case; transfer: ownership moves."
      },
      "category": {
        "type": "string",
        "pattern": "^[RIHBCPZ][0-9]{2}$",
        "description": "Taxonomy category code, e.g. R01."
      },
      "status": {
        "type": "string",
        "enum": [
          "draft",
          "requested"
        ]
      },
      "urgent": {
        "type": "boolean"
      },
      "createdAt": {
        "type": "string",
        "format": "date-time"
      },
      "packageId": {
        "type": "string",
        "format": "uuid",
        "description": "A sealed package of personal data for the recipient (fetched with its own credentials), when the referral carries any."
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.referral.status_changed.v1.json",
    "title": "ReferralStatusChangedV1",
    "description": "A referral moved to another FHIR Task status (or its business status changed). Codes only: the free-text reason stays with the referral, never on the bus.",
    "x-liaison": {
      "type": "jp.liaison.referral.status_changed.v1",
      "topic": "liaison.referrals",
      "aggregate": "referral"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "referralId",
      "sender",
      "recipient",
      "from",
      "to",
      "changedBy",
      "version",
      "changedAt"
    ],
    "properties": {
      "referralId": {
        "type": "string",
        "format": "uuid"
      },
      "sender": {
        "$ref": "#/$defs/agencyCode"
      },
      "recipient": {
        "$ref": "#/$defs/agencyCode"
      },
      "from": {
        "$ref": "#/$defs/taskStatus"
      },
      "to": {
        "$ref": "#/$defs/taskStatus"
      },
      "businessStatus": {
        "type": "string",
        "pattern": "^[a-z0-9-]{2,40}$",
        "description": "Code of the Japanese sub-state (e.g. deletion-requested = 削除依頼済)."
      },
      "changedBy": {
        "$ref": "#/$defs/agencyCode"
      },
      "version": {
        "type": "integer",
        "minimum": 2,
        "description": "The referral's version after the change; consumers ignore older versions."
      },
      "changedAt": {
        "type": "string",
        "format": "date-time"
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      },
      "taskStatus": {
        "type": "string",
        "enum": [
          "draft",
          "requested",
          "received",
          "accepted",
          "rejected",
          "ready",
          "in-progress",
          "on-hold",
          "completed",
          "failed",
          "cancelled",
          "entered-in-error"
        ]
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.stats.release_published.v1.json",
    "title": "StatsReleasePublishedV1",
    "description": "A statistics release (an immutable snapshot of the published tables for a closed period, disclosure-controlled) was published. Ids and codes only.",
    "x-liaison": {
      "type": "jp.liaison.stats.release_published.v1",
      "topic": "liaison.stats",
      "aggregate": "release"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "releaseId",
      "period",
      "grain",
      "tables",
      "publishedAt"
    ],
    "properties": {
      "releaseId": {
        "type": "string",
        "format": "uuid"
      },
      "period": {
        "type": "string",
        "pattern": "^([0-9]{4}-(0[1-9]|1[0-2])|[0-9]{4}Q[1-4]|FY[0-9]{4})$",
        "description": "2026-10 (month), 2026Q3 (fiscal quarter: Q1 = April–June), FY2026 (April 2026 – March 2027)."
      },
      "grain": {
        "type": "string",
        "enum": [
          "month",
          "quarter",
          "fiscal-year"
        ]
      },
      "tables": {
        "type": "array",
        "items": {
          "type": "string",
          "pattern": "^[a-z0-9-]{2,60}$"
        },
        "maxItems": 200
      },
      "suppressedCells": {
        "type": "integer",
        "minimum": 0
      },
      "publishedAt": {
        "type": "string",
        "format": "date-time"
      }
    }
  },
  {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://liaison.jp/schemas/events/jp.liaison.webhook.dead_lettered.v1.json",
    "title": "WebhookDeadLetteredV1",
    "description": "A webhook delivery gave up after its last retry and joined the dead-letter list (配信失敗); the endpoint's owner can redeliver it. Told to the owner and the secretariat. Ids and codes only: no URL, no error text, no payload.",
    "x-liaison": {
      "type": "jp.liaison.webhook.dead_lettered.v1",
      "topic": "liaison.webhooks",
      "aggregate": "webhook-endpoint"
    },
    "type": "object",
    "additionalProperties": false,
    "required": [
      "deliveryId",
      "endpointId",
      "owner",
      "eventId",
      "eventType",
      "attempts",
      "reason",
      "deadLetteredAt"
    ],
    "properties": {
      "deliveryId": {
        "type": "string",
        "format": "uuid",
        "description": "The delivery (also its webhook-id); redeliver with POST /v1/webhooks/dead-letters/{deliveryId}/redeliver."
      },
      "endpointId": {
        "type": "string",
        "format": "uuid",
        "description": "The webhook endpoint; also the event subject and partition key."
      },
      "owner": {
        "$ref": "#/$defs/agencyCode",
        "description": "The body that registered the endpoint."
      },
      "secretariat": {
        "$ref": "#/$defs/agencyCode",
        "description": "The council's secretariat, told as well."
      },
      "eventId": {
        "type": "string",
        "minLength": 1,
        "maxLength": 128,
        "pattern": "^[A-Za-z0-9._:-]+$",
        "description": "The CloudEvent that was not delivered."
      },
      "eventType": {
        "type": "string",
        "pattern": "^jp\\.liaison\\.[a-z0-9_.]+\\.v[0-9]+$"
      },
      "attempts": {
        "type": "integer",
        "minimum": 1
      },
      "lastStatusCode": {
        "type": "integer",
        "minimum": 100,
        "maximum": 599,
        "description": "The receiver's last HTTP status, when it answered."
      },
      "reason": {
        "type": "string",
        "enum": [
          "status",
          "timeout",
          "no-answer",
          "target-refused",
          "secret-unreadable"
        ],
        "description": "status 応答ステータス異常, timeout 応答なし（時間切れ）, no-answer 接続不能, target-refused 宛先拒否（SSRF防止）, secret-unreadable 署名鍵を復号できない"
      },
      "deadLetteredAt": {
        "type": "string",
        "format": "date-time"
      }
    },
    "$defs": {
      "agencyCode": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]{1,31}$",
        "description": "Registry code of a council body, e.g. center, sia."
      }
    }
  }
] as const;
