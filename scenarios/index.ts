/**
 * The preset gallery: every scenario document in this folder, in the order a guided
 * tour should show them. The documents are plain JSON (the same format people export,
 * import and share); this list only orders them.
 */
import allowedConnection from './allowed-connection.json';

export interface Preset { id: string; doc: unknown }

export const PRESETS: readonly Preset[] = [
  { id: 'allowed-connection', doc: allowedConnection },
];
