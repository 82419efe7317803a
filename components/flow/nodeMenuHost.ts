'use client';
/**
 * What a node's menu asks of the page (components/flow/NodeMenu.tsx). Its own small module:
 * the page provides it at once, the menu's code loads when a guest is first selected.
 */
import { createContext } from 'react';

export interface NodeMenuHost {
  /** Ask where `from` should connect to (the page opens its connect dialog). */
  connect(from: number): void;
  /** Move the focus to the details of the selection. */
  showDetails(): void;
}
export const NodeMenuContext = createContext<NodeMenuHost | null>(null);
