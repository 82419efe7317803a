/** Small inline icons (system fonts lack some media glyphs). */
const P = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;
export const IconStart = () => <svg {...P}><rect x="2" y="3" width="2" height="10" fill="currentColor" /><path d="M14 3v10L5 8z" fill="currentColor" /></svg>;
export const IconEnd = () => <svg {...P}><rect x="12" y="3" width="2" height="10" fill="currentColor" /><path d="M2 3v10l9-5z" fill="currentColor" /></svg>;
export const IconBack = () => <svg {...P}><rect x="2" y="3" width="2" height="10" fill="currentColor" /><path d="M13 3v10L6 8z" fill="currentColor" /></svg>;
export const IconFwd = () => <svg {...P}><rect x="12" y="3" width="2" height="10" fill="currentColor" /><path d="M3 3v10l7-5z" fill="currentColor" /></svg>;
export const IconPlay = () => <svg {...P}><path d="M4 2v12l10-6z" fill="currentColor" /></svg>;
export const IconPause = () => <svg {...P}><rect x="3" y="2" width="3.5" height="12" fill="currentColor" /><rect x="9.5" y="2" width="3.5" height="12" fill="currentColor" /></svg>;
