/*
 * Interdomain Playground: offline support. Registered by the page after its first paint
 * (lib/offline.ts), with the app's base path as scope.
 *
 * Install: fetch the start page and the embed page, then every script, style and icon they
 * reference, and every chunk those reference (the app's code-split parts and the preset
 * documents), and keep them in one cache. The service worker is active (and the page says
 * "ready offline") only once all of that is saved.
 * Pages: from the network when there is one (so a new version shows at once), saved
 * for later; from the cache when offline (the query, e.g. ?preset=…, is ignored).
 * Build files (_next/static, content-hashed): from the cache, else fetched and saved.
 * A page fetched from the network that names files not saved yet (a new version) has them
 * saved in the background, so the next visit works offline too.
 */
'use strict';
var CACHE = 'interdomain-playground-v1';
var SCOPE = new URL(self.registration.scope);
var PAGES = ['', 'embed/'];
var EXTRA = ['icon.svg', 'embed.js'];
var ASSET = /static\/(?:chunks|media|css)\/[\w.~-]+\.(?:js|css|woff2|svg|png)/g;

function url(rel) { return new URL(rel, SCOPE).href; }

/** Save what `text` references that is not saved yet, and what those reference in turn. */
function saveReferenced(cache, text, seen) {
  var found = [];
  var m;
  ASSET.lastIndex = 0;
  while ((m = ASSET.exec(text)) !== null) {
    var u = url('_next/' + m[0]);
    if (!seen[u]) { seen[u] = true; found.push(u); }
  }
  return Promise.all(found.map(function (u) {
    return cache.match(u).then(function (hit) {
      if (hit) return undefined;
      return fetch(u).then(function (res) {
        if (!res.ok) throw new Error(u + ': ' + res.status);
        var copy = res.clone();
        return cache.put(u, res).then(function () {
          return /\.js$/.test(u) ? copy.text().then(function (t) { return saveReferenced(cache, t, seen); }) : undefined;
        });
      });
    });
  }));
}

function savePage(cache, href, seen) {
  return fetch(href, { cache: 'no-cache' }).then(function (res) {
    if (!res.ok) throw new Error(href + ': ' + res.status);
    var copy = res.clone();
    return cache.put(href, res).then(function () { return copy.text(); }).then(function (t) { return saveReferenced(cache, t, seen); });
  });
}

self.addEventListener('install', function (event) {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    var seen = {};
    return Promise.all(PAGES.map(function (p) { return savePage(cache, url(p), seen); }).concat(
      EXTRA.map(function (p) { return cache.add(url(p)).catch(function () { return undefined; }); })));
  }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('interdomain-playground-') === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(req) {
  return caches.open(CACHE).then(function (cache) { return cache.match(req, { ignoreSearch: true }); });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') return;
  var u = new URL(req.url);
  if (u.origin !== SCOPE.origin || u.pathname.indexOf(SCOPE.pathname) !== 0) return;
  // A worker takes its URL from the response, and a response this worker gives carries no
  // fragment: the worker's bootstrap reads its parameters from there. Workers load from the
  // network; offline the page does their work itself.
  if (req.destination === 'worker' || req.destination === 'sharedworker') return;
  if (req.mode === 'navigate') {
    var key = u.origin + u.pathname;
    event.respondWith(fetch(req).then(function (res) {
      if (res.ok && (res.headers.get('content-type') || '').indexOf('text/html') === 0) {
        var copy = res.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) {
          return cache.put(key, copy.clone()).then(function () { return copy.text(); })
            .then(function (t) { return saveReferenced(cache, t, {}); });
        }).catch(function () { return undefined; }));
      }
      return res;
    }, function () {
      return fromCache(key).then(function (hit) { return hit || fromCache(url('')); }).then(function (hit) {
        return hit || new Response('Offline, and this page was not saved.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      });
    }));
    return;
  }
  if (u.pathname.indexOf(SCOPE.pathname + '_next/static/') === 0) {
    event.respondWith(fromCache(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok) { var copy = res.clone(); event.waitUntil(caches.open(CACHE).then(function (c) { return c.put(req, copy); })); }
        return res;
      });
    }));
    return;
  }
  event.respondWith(fetch(req).then(function (res) {
    if (res.ok) { var copy = res.clone(); event.waitUntil(caches.open(CACHE).then(function (c) { return c.put(u.origin + u.pathname, copy); })); }
    return res;
  }, function () {
    return fromCache(req).then(function (hit) { return hit || Response.error(); });
  }));
});
