import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { PREVIEW_GUARD } from './previewGuard';

export const metadata: Metadata = {
  title: 'Interdomain Playground',
  description: 'Watch and poke at how Xen virtual machines talk to each other.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // the guard sets data-preview on <html> before hydration
    <html lang="en" suppressHydrationWarning>
      <head><script dangerouslySetInnerHTML={{ __html: PREVIEW_GUARD }} /></head>
      <body>{children}</body>
    </html>
  );
}
