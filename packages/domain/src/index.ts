export {
  allowedNext,
  type BusinessStatus,
  businessStatusCodes,
  businessStatuses,
  canTransition,
  type Side,
  statusesNeedingReason,
  type TaskStatus,
  taskStatuses,
  taskStatusLabels,
  terminalStatuses,
} from './task-status.ts';
export {
  categories,
  category,
  categoryCodes,
  type Code,
  consulterCodes,
  consulterTypes,
  legalGroundCodes,
  legalGrounds,
  platformTypeCodes,
  platformTypes,
  purposeCodes,
  purposes,
  referralKinds,
  requestedActionCodes,
  requestedActions,
} from './taxonomy.ts';
export {
  addBusinessDays,
  addCalendarDays,
  type CalendarOptions,
  endOfJstDay,
  type IsoDate,
  isBusinessDay,
  jstDate,
  nationalHoliday,
} from './calendar.ts';
export { type Clock, clocks, clocksStoppedBy, type DeadlinePolicy, type PlannedDeadline, planDeadlines } from './deadlines.ts';
export { type RoutingInput, type RoutingRule, type RoutingSuggestion, routingRules, suggestRouting } from './routing.ts';
export {
  actionOutcomeCodes,
  actionOutcomes,
  caseActionCodes,
  caseActions,
  extensionGroundCodes,
  extensionGrounds,
  type StatutoryClock,
  statutoryClock,
} from './statutory.ts';
export { type ActingBody, DomainError, type DomainErrorKind, errors, type FieldProblem, requireMemberBody, requireRole } from './errors.ts';
