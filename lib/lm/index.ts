/** The language-model gateway (architecture §5). */
export {
  createGateway,
  type GatewayOptions,
  type GatewayStats,
  type LmCallRecord,
  type LmGateway,
  type RecordedRequest,
} from './gateway';
export { extractCode } from './extract-code';
export { DEFAULT_MODEL_PRICES, type ModelPrice } from './prices';
export * from './types';
