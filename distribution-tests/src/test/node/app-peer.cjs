// Drives the distribution tests' WAR from Node.js's ws, an independent client.
//
//   node app-peer.cjs NODE_MODULES_DIR ws://HOST:PORT/CONTEXT
//
// NODE_MODULES_DIR holds the pinned ws (examples/src/test/node/node_modules, after `npm ci` there).
// Prints "PASS NAME" or "FAIL NAME: DETAIL" for each check and exits 1 if any failed.
'use strict';
const path = require('node:path');
const crypto = require('node:crypto');
const WebSocket = require(path.join(process.argv[2], 'ws'));

const app = process.argv[3];
const TIMEOUT_MS = 20_000;
let failures = 0;

function open(url, perMessageDeflate) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate, handshakeTimeout: TIMEOUT_MS });
    const inbox = [];
    const waiting = [];
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? Buffer.from(data) : data.toString('utf8');
      const next = waiting.shift();
      if (next) next(message); else inbox.push(message);
    });
    ws.receive = () => new Promise((ok, fail) => {
      if (inbox.length) return ok(inbox.shift());
      const timer = setTimeout(() => fail(new Error(`no message from ${url} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      waiting.push((message) => { clearTimeout(timer); ok(message); });
    });
    ws.closed = new Promise((ok) => ws.on('close', (code, reason) => ok({ code, reason: reason.toString() })));
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (request, response) => reject(new Error(`${url} answered HTTP ${response.statusCode}`)));
    ws.on('error', reject);
  });
}

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function expectEqual(actual, expected, what) {
  const same = Buffer.isBuffer(expected) ? Buffer.isBuffer(actual) && actual.equals(expected) : actual === expected;
  if (!same) {
    const show = (v) => (Buffer.isBuffer(v) ? `${v.length} bytes` : JSON.stringify(String(v).slice(0, 80)));
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

async function closeNormally(ws) {
  ws.close(1000, 'done');
  const { code } = await within(ws.closed, 'the close handshake');
  expectEqual(code, 1000, 'close code answered');
}

async function check(name, body) {
  try {
    await body();
    console.log(`PASS ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}

async function echo(deflate) {
  const ws = await open(`${app}/echo`, deflate);
  expectEqual(ws.extensions, deflate ? 'permessage-deflate' : '', 'negotiated extensions');
  ws.send('extensions?');
  expectEqual(await ws.receive(), deflate ? 'extensions: permessage-deflate' : 'extensions:', "the endpoint's extensions");
  const text = 'Bowline échoes ✓ 😀 '.repeat(10000);
  ws.send(text);
  expectEqual(await ws.receive(), text, 'echoed text');
  const bytes = crypto.randomBytes(256 * 1024);
  ws.send(bytes);
  expectEqual(await ws.receive(), bytes, 'echoed binary');
  await closeNormally(ws);
}

(async () => {
  await check('echo with permessage-deflate', () => echo(true));
  await check('echo without extensions', () => echo(false));
  await check('path template /rooms/{room}', async () => {
    const ws = await open(`${app}/rooms/lobby`, false);
    ws.send('hello');
    expectEqual(await ws.receive(), 'lobby: hello', 'answer');
    await closeNormally(ws);
  });
  await check('programmatic endpoint /reverse', async () => {
    const ws = await open(`${app}/reverse`, true);
    ws.send('bowline');
    expectEqual(await ws.receive(), 'enilwob', 'answer');
    await closeNormally(ws);
  });
  process.exit(failures === 0 ? 0 : 1);
})();
