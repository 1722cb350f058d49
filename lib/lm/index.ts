/** The language-model gateway (architecture §5). */
export {
  createGateway,
  type GatewayOptions,
  type GatewayStats,
  type LmCallRecord,
  type LmGateway,
  type RecordedRequest,
} from './gateway';
export { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from './scripted/server';
export { createScriptedModel, type ScriptedModel } from './scripted/model';
export { improverBank, IMPROVER_BANK, type BankImprover } from './scripted/improver-bank';
export { extractCode } from './extract-code';
export { DEFAULT_MODEL_PRICES, type ModelPrice } from './prices';
export * from './types';
