'use client';
/**
 * The top bar: the title, the transport/broker and Xen switches, share/embed/export/import
 * and the theme. One row at 1280 px and up (the secondary parts are compact there); on a
 * phone the tools sit behind Menu.
 */
import { memo, useState } from 'react';
import { ModeSwitch } from './panels/ModeSwitch';
import { XenSwitch } from './panels/XenSwitch';
import { ThemeToggle } from './panels/ThemeToggle';
import { ShareBar } from './share/ShareBar';
import './header.css';

function HeaderImpl() {
  const [tools, setTools] = useState(false);
  return (
    <header className={`topbar${tools ? ' tools-open' : ''}`} data-testid="topbar">
      <h1>Interdomain Playground</h1>
      <button type="button" className="tools-toggle" aria-expanded={tools} aria-controls="topbar-tools" onClick={() => setTools((t) => !t)}
        data-testid="tools-toggle">Menu</button>
      <div className="topbar-tools" id="topbar-tools">
        <ModeSwitch />
        <XenSwitch />
        <ShareBar />
      </div>
      <ThemeToggle />
    </header>
  );
}
export const Header = memo(HeaderImpl);
