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

  function record(method, args, pixelCode) {
    var call = { method: method, args: Array.prototype.slice.call(args), pixel: pixelCode || null,
      page: location.href, time: Date.now() };
    calls.push(call);
    try {
      fetch('/_fake/pixel/calls', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(call), keepalive: true, credentials: 'same-origin' });
    } catch (e) { /* recording is best effort */ }
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
