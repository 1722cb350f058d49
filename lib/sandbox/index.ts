/** The sandboxed Python runtime: improvers, solutions and judges in isolated processes (docs/architecture.md §3–4). */
export { SandboxErrorCode, JudgeError, type SandboxErrorInfo } from './errors';
export { SANDBOX_LIMITS } from './limits';
export { ModelRefusal, type ImproverModel, type ModelRefusalKind, type ModelRequest } from './model';
export {
  runImprover,
  type UtilityHost,
  type CircumventionEvent,
  type ImproverOutcome,
  type RunImproverOptions,
} from './improver';
export {
  evaluateSolution,
  type EvaluateSolutionOptions,
  type SolutionEvaluation,
  type SolutionFailure,
} from './evaluate';
export { detectIsolation, ISOLATION_LEVELS, type IsolationInfo, type IsolationLevel } from './isolation';
export { findPython, type PythonInterpreter } from './interpreter';
