/*
 * Interdomain Playground: the one-line embed.
 *
 *   <script src="https://play.example.org/embed.js" async></script>
 *   <div data-interdomain-playground data-preset="flood-isolation" data-autoplay data-panels="narration,controls"></div>
 *
 * Turns every such element into an <iframe> of /embed/ (from the same place this script was
 * loaded from, so a playground served under a sub-path works), once it scrolls near the
 * viewport. The iframe gets as tall as the embed's content says it needs (the embed posts
 * its height to this page only, because this page's origin is the one allowed in its URL),
 * and follows this page's light/dark theme. Attributes: data-preset, data-scenario (a share
 * link's packed document), data-autoplay, data-panels, data-speed, data-at, data-t,
 * data-theme (light|dark: fixed, instead of following the page), data-height (px before the
 * embed reports its own, default 420). Nothing is evaluated; attribute values only go into
 * the iframe's URL, encoded.
 */
(function () {
  'use strict';
  var SOURCE = 'interdomain-playground';
  var ATTR = 'data-interdomain-playground';
  var script = document.currentScript;
  var base = new URL('./', (script && script.src) || location.href);
  var embeds = [];

  function pageTheme() {
    var nodes = [document.documentElement, document.body];
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (!n) continue;
      var a = (n.getAttribute('data-theme') || n.getAttribute('data-color-scheme') || n.getAttribute('data-bs-theme') || n.getAttribute('data-mode') || '').toLowerCase();
      if (a.indexOf('dark') >= 0) return 'dark';
      if (a.indexOf('light') >= 0) return 'light';
      if (n.classList.contains('dark') || n.classList.contains('theme-dark')) return 'dark';
      if (n.classList.contains('light') || n.classList.contains('theme-light')) return 'light';
    }
    var cs = getComputedStyle(document.documentElement).colorScheme;
    if (cs === 'dark' || cs === 'only dark') return 'dark';
    if (cs === 'light' || cs === 'only light') return 'light';
    return window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function themeOf(el) {
    var t = el.getAttribute('data-theme');
    return t === 'light' || t === 'dark' ? t : pageTheme();
  }

  function srcOf(el, theme) {
    var q = [];
    var add = function (k, v) { q.push(k + '=' + encodeURIComponent(v)); };
    var s = el.getAttribute('data-scenario');
    if (s) q.push('s=' + s.replace(/[^A-Za-z0-9+\-$_.!~*'()]/g, encodeURIComponent));
    else add('preset', el.getAttribute('data-preset') || '');
    var auto = el.getAttribute('data-autoplay');
    if (auto !== null && auto !== 'false' && auto !== '0') q.push('autoplay=1');
    ['panels', 'speed', 'at', 't'].forEach(function (k) {
      var v = el.getAttribute('data-' + k);
      if (v !== null && v !== '') add(k, v);
    });
    add('theme', theme);
    if (location.origin && location.origin !== 'null') add('origins', location.origin);
    return new URL('embed/?' + q.join('&'), base).href;
  }

  function mount(el) {
    if (el.getAttribute(ATTR) === 'mounted') return;
    el.setAttribute(ATTR, 'mounted');
    var frame = document.createElement('iframe');
    var theme = themeOf(el);
    var h = parseInt(el.getAttribute('data-height') || '', 10);
    frame.src = srcOf(el, theme);
    frame.title = 'Interdomain Playground: ' + (el.getAttribute('data-preset') || 'scenario');
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-downloads');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    frame.setAttribute('scrolling', 'no');
    frame.style.cssText = 'display:block;width:100%;border:0;color-scheme:normal;height:' + (h > 0 ? h : 420) + 'px';
    el.textContent = '';
    el.appendChild(frame);
    embeds.push({ el: el, frame: frame, theme: theme });
  }

  var io = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { io.unobserve(e.target); mount(e.target); }
    });
  }, { rootMargin: '200px 0px' }) : null;

  function scan(root) {
    var list = (root || document).querySelectorAll('[' + ATTR + ']');
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      var v = el.getAttribute(ATTR);
      if (v === 'mounted' || v === 'waiting') continue;
      if (!el.style.minHeight) el.style.minHeight = (parseInt(el.getAttribute('data-height') || '', 10) || 420) + 'px';
      if (io) { el.setAttribute(ATTR, 'waiting'); io.observe(el); } else mount(el);
    }
  }

  // the embed's height, from the embed itself and only from the frame this script made
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (e.origin !== base.origin || !d || d.source !== SOURCE || d.type !== 'size' || typeof d.height !== 'number') return;
    for (var i = 0; i < embeds.length; i++) {
      var x = embeds[i];
      if (x.frame.contentWindow !== e.source) continue;
      var px = Math.max(120, Math.min(4000, Math.round(d.height)));
      x.frame.style.height = px + 'px';
      x.el.style.minHeight = '';
    }
  });

  // the page's theme changes: reload each embed that follows it in the new theme
  function retheme() {
    embeds.forEach(function (x) {
      var t = themeOf(x.el);
      if (t !== x.theme) { x.theme = t; x.frame.src = srcOf(x.el, t); }
    });
  }
  if (window.matchMedia) {
    var mq = matchMedia('(prefers-color-scheme: dark)');
    if (mq.addEventListener) mq.addEventListener('change', retheme);
  }
  var attrs = { attributes: true, attributeFilter: ['class', 'data-theme', 'data-color-scheme', 'data-bs-theme', 'data-mode', 'style'] };
  function watch() {
    var themes = new MutationObserver(retheme);
    themes.observe(document.documentElement, attrs);
    if (document.body) themes.observe(document.body, attrs);
    // elements added later (a single-page docs site, MDX): mount them too
    var added = new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) if (records[i].addedNodes.length) { scan(); return; }
    });
    added.observe(document.body || document.documentElement, { childList: true, subtree: true });
    scan();
  }

  window.InterdomainPlayground = { scan: scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();
