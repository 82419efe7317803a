/**
 * The exported HTML's first paint shows the default preset (app/StaticPreview.tsx). When the
 * URL names another scenario (`?preset=` another id, `?exercise=`, an `s=` share link in the
 * query or the fragment), this script, inlined in the head, marks <html data-preview="other">
 * before anything paints, and the stylesheet then shows a neutral preview instead.
 * A constant of our own: no part of the URL is ever written into the page.
 */
import { FIRST_PRESET } from '../scenarios/catalog';

export const PREVIEW_GUARD = `(function(){try{var l=location,q=l.search,m=/[?&]preset=([^&#]*)/.exec(q);`
  + `if((m&&decodeURIComponent(m[1])!==${JSON.stringify(FIRST_PRESET.id)})||/[?&]exercise=/.test(q)||/[?&#]s=/.test(q+l.hash))`
  + `document.documentElement.setAttribute('data-preview','other')}catch(e){}})()`;
