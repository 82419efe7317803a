/**
 * Inlined at the top of the main page's body: puts the reader's saved theme (else the
 * system's) on <html data-theme> before the first paint, so a dark-theme reader never sees
 * the page flash light, and the theme button finds it there without opening localStorage
 * in the task that starts the page. A constant of our own: nothing read is written as markup.
 */
export const THEME_INIT = `(function(){try{var d=document.documentElement,t=null;try{t=localStorage.getItem('theme')}catch(e){}`
  + `if(t!=='dark'&&t!=='light')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';d.setAttribute('data-theme',t)}catch(e){}})()`;
