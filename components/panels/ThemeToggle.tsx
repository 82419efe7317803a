'use client';
import { memo, useEffect, useState } from 'react';

type Theme = 'light' | 'dark';

function ThemeToggleImpl() {
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => {
    // the main page's head script (app/themeInit.ts) has put it on <html> before the first paint
    const set = document.documentElement.dataset['theme'];
    const saved = set === 'dark' || set === 'light' ? set : window.localStorage.getItem('theme');
    const t: Theme = saved === 'dark' || saved === 'light' ? saved : window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    setTheme(t);
  }, []);
  useEffect(() => {
    if (theme) document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="theme-toggle" aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}
      onClick={() => { setTheme(next); window.localStorage.setItem('theme', next); }}>
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}
export const ThemeToggle = memo(ThemeToggleImpl);
