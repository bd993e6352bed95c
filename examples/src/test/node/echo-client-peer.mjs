// Node.js's ws as the SERVER that drives Bowline's echo client (`bowline-examples echo-client URL`).
//
//   node echo-client-peer.mjs
//
// Listens on a free port of 127.0.0.1 and prints `READY ws://127.0.0.1:PORT`. The client is then run
// once per mode, in this order, against ws://127.0.0.1:PORT/MODE:
//   plain      ws declines permessage-deflate; echoes of every size and shape; ends with close 1000
//   deflate    ws accepts permessage-deflate; the same echoes, compressed; ends with close 4000
//   terminate  one echo, then ws drops the TCP connection without a close frame
// Prints one JSON line per check, {"check": NAME, "ok": BOOLEAN, "detail": TEXT}, and once every mode
// has run (or no client came for too long) exits 1 if any check failed. NodeWsServerTest (Java)
// lists the names it expects, so keep them in step.
import http from 'node:http';
import crypto from 'node:crypto';
import { WebSocketServer } from 'ws';

const MODES = ['plain', 'deflate', 'terminate'];
const SIZES = [0, 1, 125, 126, 65535, 65536, 1 << 20, 16 << 20];
const CHECK_TIMEOUT_MS = 120_000;
const CONNECT_TIMEOUT_MS = 300_000;

let failures = 0;

function report(check, ok, detail) {
  if (!ok) failures++;
  console.log(JSON.stringify({ check, ok, detail: String(detail ?? '') }));
}

async function check(name, body) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    report(name, true, await Promise.race([body(), timeout]));
  } catch (e) {
    report(name, false, e && e.message ? e.message : e);
  } finally {
    clearTimeout(timer);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// UTF-8 text of exactly `size` bytes with 1- to 4-byte characters.
function text(size) {
  const unit = Buffer.from('Bowline échoes ✓ 😀 RFC 6455/7692 ', 'utf8');
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(bytes, i, 0, Math.min(unit.length, size - i));
  // The last unit may end inside a character: replace that partial character with ASCII.
  let lead = size - 1;
  while (lead >= 0 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead >= 0) {
    const b = bytes[lead];
    const length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (lead + length > size) bytes.fill(0x78, lead);
  }
  return bytes;
}

// Random, hence incompressible: deflated, a large one is a frame larger than the message.
const binary = (size) => crypto.randomBytes(size);

function describe(buffer) {
  return `${buffer.length} bytes, sha256 ${crypto.createHash('sha256').update(buffer).digest('hex').slice(0, 16)}`;
}

// The message as pieces split at these byte counts (an empty piece among them), the rest last.
function pieces(bytes) {
  const cuts = [1, 0, 2, 125, 126, 65536];
  const result = [];
  let at = 0;
  for (const n of cuts) {
    result.push(bytes.subarray(at, Math.min(at + n, bytes.length)));
    at = Math.min(at + n, bytes.length);
  }
  result.push(bytes.subarray(at));
  return result;
}

// ---- one client connection, with a queue of what it sent back ----

class Client {
  constructor(ws, request) {
    this.ws = ws;
    this.request = request;
    this.messages = [];
    this.waiting = [];
    this.closed = null;
    ws.on('message', (data, isBinary) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve({ data, isBinary });
      else this.messages.push({ data, isBinary });
    });
    ws.on('error', (e) => { this.error = e; });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.closedError());
    });
  }

  closedError() {
    const why = this.error ? `, error: ${this.error.message}` : '';
    return new Error(`connection closed with ${this.closed.code} '${this.closed.reason}'${why}`);
  }

  nextMessage() {
    if (this.messages.length > 0) return Promise.resolve(this.messages.shift());
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  closeEvent() {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(data, options) {
    return new Promise((resolve, reject) => this.ws.send(data, options, (e) => (e ? reject(e) : resolve())));
  }

  async expectEcho(sent, isBinary) {
    const { data, isBinary: gotBinary } = await this.nextMessage();
    expect(gotBinary === isBinary, `echo came back as ${gotBinary ? 'binary' : 'text'}`);
    expect(data.equals(sent), `echo differs: sent ${describe(sent)}, got ${describe(data)}`);
    return `echoed ${describe(data)}`;
  }

  async sendFragmented(bytes, isBinary) {
    const parts = pieces(bytes);
    for (let i = 0; i < parts.length; i++) {
      await this.send(parts[i], { binary: isBinary, fin: i === parts.length - 1, compress: true });
    }
    return parts.length;
  }
}

// ---- what each mode does with its connection ----

async function checkOffer(mode, client) {
  await check(`${mode}: offer is permessage-deflate with client_max_window_bits`, async () => {
    const offer = client.request.headers['sec-websocket-extensions'] ?? '';
    expect(/^\s*permessage-deflate\b/i.test(offer), `Sec-WebSocket-Extensions: '${offer}'`);
    expect(/\bclient_max_window_bits\b/i.test(offer), `no client_max_window_bits in '${offer}'`);
    return `Sec-WebSocket-Extensions: ${offer}`;
  });
}

async function echoes(mode, client) {
  const deflate = mode === 'deflate';
  await check(`${mode}: negotiated extensions`, async () => {
    const expected = deflate ? 'permessage-deflate' : '';
    expect(client.ws.extensions === expected, `ws.extensions is '${client.ws.extensions}', expected '${expected}'`);
    return `ws.extensions '${client.ws.extensions}'`;
  });
  for (const size of SIZES) {
    await check(`${mode}: echo text ${size} bytes`, async () => {
      const message = text(size);
      await client.send(message.toString('utf8'), {});
      return client.expectEcho(message, false);
    });
    await check(`${mode}: echo binary ${size} bytes`, async () => {
      const message = binary(size);
      await client.send(message, {});
      return client.expectEcho(message, true);
    });
  }
  await check(`${mode}: echo binary at the 64 MiB limit`, async () => {
    const message = binary(64 << 20);
    await client.send(message, {});
    return client.expectEcho(message, true);
  });
  await check(`${mode}: fragmented text`, async () => {
    const message = text(200_000);
    const n = await client.sendFragmented(message, false);
    return `${n} fragments split inside characters; ${await client.expectEcho(message, false)}`;
  });
  await check(`${mode}: fragmented binary`, async () => {
    const message = binary(200_000);
    const n = await client.sendFragmented(message, true);
    return `${n} fragments; ${await client.expectEcho(message, true)}`;
  });
  await check(`${mode}: ping 125 bytes answered by pong`, async () => {
    const payload = binary(125);
    const pong = new Promise((resolve) => client.ws.once('pong', resolve));
    client.ws.ping(payload);
    const got = await pong;
    expect(got.equals(payload), `pong carries ${describe(got)}, ping carried ${describe(payload)}`);
    return `pong with ${describe(got)}`;
  });
}

async function closeWith(mode, client, code, reason) {
  await check(`${mode}: close ${code} answered by the client`, async () => {
    client.ws.close(code, reason);
    const closed = await client.closeEvent();
    expect(closed.code === code, `close event ${closed.code} '${closed.reason}', expected ${code}`);
    return `close ${closed.code} '${closed.reason}'`;
  });
}

async function drive(mode, client) {
  await checkOffer(mode, client);
  if (mode === 'plain') {
    await echoes(mode, client);
    await closeWith(mode, client, 1000, '');
  } else if (mode === 'deflate') {
    await echoes(mode, client);
    await closeWith(mode, client, 4000, 'bowline client test');
  } else {
    await check(`${mode}: echo before the server drops the connection`, async () => {
      const message = text(1000);
      await client.send(message.toString('utf8'), {});
      return client.expectEcho(message, false);
    });
    client.ws.terminate();
  }
}

// ---- the server ----

const servers = {
  plain: new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 128 << 20 }),
  // threshold 0: compress every message, the empty one included, not only those over 1 KiB.
  deflate: new WebSocketServer({ noServer: true, perMessageDeflate: { threshold: 0 }, maxPayload: 128 << 20 }),
  terminate: new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 128 << 20 }),
};

let next = 0;
let idle;
const httpServer = http.createServer((req, res) => {
  res.writeHead(426, { 'Content-Type': 'text/plain' });
  res.end('WebSocket only\n');
});

function waitForClient() {
  clearTimeout(idle);
  idle = setTimeout(() => {
    for (const mode of MODES.slice(next)) report(`${mode}: client connected`, false, `no client within ${CONNECT_TIMEOUT_MS} ms`);
    finish();
  }, CONNECT_TIMEOUT_MS);
}

function finish() {
  clearTimeout(idle);
  httpServer.close();
  process.exit(failures === 0 ? 0 : 1);
}

httpServer.on('upgrade', (request, socket, head) => {
  const mode = new URL(request.url, 'ws://localhost').pathname.slice(1);
  if (mode !== MODES[next]) {
    report(`${MODES[next] ?? 'extra'}: client connected`, false, `expected /${MODES[next]}, got ${request.url}`);
    socket.destroy();
    return;
  }
  next++;
  clearTimeout(idle);
  servers[mode].handleUpgrade(request, socket, head, async (ws) => {
    report(`${mode}: client connected`, true, request.url);
    await drive(mode, new Client(ws, request));
    if (next === MODES.length) finish();
    else waitForClient();
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  console.log(`READY ws://127.0.0.1:${httpServer.address().port}`);
  waitForClient();
});
