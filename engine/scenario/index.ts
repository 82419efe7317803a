/** Scenario format v1: types, validation, overrides, export. See README.md for the choices. */
export * from './types';
export { parseScenario } from './parse';
export { NOTE_MODES, NOTE_MODE_LABELS, noteModeOf, pickNote, noteText, type NoteMode, type StepNote } from './notes';
export { applyOverrides, parseOverrides } from './overrides';
export { scenarioToJson } from './serialize';
export { decodeDocumentBytes, documentTooLarge, escapeUnsafe } from './text';
