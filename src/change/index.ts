/**
 * The change engine's public surface (see engine.ts): plan against live devices, apply as one
 * transaction, verify, confirm or roll back, journal, reconcile after a crash; device selectors,
 * ordering, locks, and the step handlers a job queue can run.
 */
export { ChangeEngine, workItem, type ApplyOptions, type ChangeEngineOptions, type ChangeView, type RecoveryReport } from './engine.js';
export { ChangeError, CHANGE_ERROR_CODES, isChangeError, errorInfo, type ChangeErrorCode, type ErrorInfo } from './errors.js';
export { type PlanRequest, type PlanView, type PlannedDevice, type ValidationSummary, summariseValidation, targetOf } from './plan.js';
export { parseSelector, selectDevices, SELECTOR_KEYS, type ParsedSelector, type SelectorTerm, type SelectorKey } from './selector.js';
export { orderDevices, LAYER_RANK, type Ordering, type OrderInput } from './order.js';
export { createLockManager, lockKey, type LockManager, type LockSession, type AcquireOptions, type Holder } from './locks.js';
export { Journal, type StepStart, type StepEnd } from './journal.js';
export { tokeniseSecrets, maskAnswer, configHash, SecretVault } from './secrets.js';
export { checksFor, deviceProblems, mastershipProblem, type DeviceState } from './checks.js';
export {
  snapshotDevices, applyDevices, saveDevices, rollbackDevices, checkGroups, readGroups,
  type StepContext, type DeviceWork, type StepResult, type GroupCheckResult,
} from './steps.js';
export { DeviceSessions, type SessionOptions } from './sessions.js';
export * from './types.js';
export {
  parsePlaybook, loadPlaybook, listPlaybooks, runPlaybook, resolveVariables, substitute, applyOverlay, PlaybookSchema, PlaybookStepSchema,
  type Playbook, type PlaybookStep, type PlaybookRunRequest, type PlaybookRunResult, type StepOutcome,
} from './playbooks.js';
