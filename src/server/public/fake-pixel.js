/* A local stand-in for TikTok's Pixel library (analytics.tiktok.com/i18n/pixel/events.js) used by
 * the demo page and the browser test. It sends nothing to TikTok: every ttq call is recorded in
 * window.__fakePixelCalls and POSTed to /_fake/pixel/calls on the local server. Calls queued by the
 * standard base-code stub (ttq.push([...])) before this script loaded are replayed. */
(function () {
  'use strict';
  var methods = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group',
    'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent', 'load'];
  var calls = (window.__fakePixelCalls = window.__fakePixelCalls || []);
  var previous = window.ttq;

  function toHex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // Like the real Pixel, identify() data is hashed (SHA-256) in the browser: no plain personal
  // data is ever recorded or sent, not even to the local server.
  function hashIdentity(args) {
    var data = args[0];
    if (!data || typeof data !== 'object') return Promise.resolve(args);
    var out = {};
    var keys = Object.keys(data);
    return Promise.all(keys.map(function (key) {
      var value = data[key];
      if (typeof value !== 'string' || /^[0-9a-f]{64}$/.test(value)) { out[key] = value; return null; }
      if (!(window.crypto && crypto.subtle)) { out[key] = '[redacted]'; return null; }
      return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value.trim().toLowerCase()))
        .then(function (digest) { out[key] = toHex(digest); });
    })).then(function () { return [out].concat(args.slice(1)); });
  }

  function record(method, args, pixelCode) {
    var list = Array.prototype.slice.call(args);
    var ready = method === 'identify' ? hashIdentity(list) : Promise.resolve(list);
    ready.then(function (safeArgs) {
      var call = { method: method, args: safeArgs, pixel: pixelCode || null, page: location.href, time: Date.now() };
      calls.push(call);
      try {
        fetch('/_fake/pixel/calls', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(call), keepalive: true, credentials: 'same-origin' });
      } catch (e) { /* recording is best effort */ }
    });
  }

  function makeApi(pixelCode) {
    var api = {};
    methods.forEach(function (method) {
      api[method] = function () { record(method, arguments, pixelCode); return api; };
    });
    api.instance = function (id) { return makeApi(id); };
    return api;
  }

  var ttq = makeApi(null);
  ttq._fake = true;
  window.ttq = ttq;
  window.TiktokAnalyticsObject = 'ttq';
  if (previous && typeof previous.length === 'number') {
    for (var i = 0; i < previous.length; i++) {
      var queued = previous[i];
      if (queued && typeof ttq[queued[0]] === 'function') ttq[queued[0]].apply(ttq, queued.slice(1));
    }
  }
})();
