/** Scenario format v1: types, validation, overrides, export. See README.md for the choices. */
export * from './types';
export { parseScenario } from './parse';
export { applyOverrides, parseOverrides, type ScenarioOverrides } from './overrides';
export { scenarioToJson, canonicalScenario } from './serialize';
export { LIMIT_KEYS, LIMIT_RANGES, U32_MAX } from './schema';
export { decodeDocumentBytes, documentTooLarge, escapeUnsafe, quoteSafe, utf8Length, type DecodedText } from './text';
