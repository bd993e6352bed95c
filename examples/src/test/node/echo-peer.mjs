// Drives Bowline's demo echo endpoint from Node.js as an independent peer.
//
//   node echo-peer.mjs ws://127.0.0.1:PORT/echo
//
// Prints one JSON line per check, {"check": NAME, "ok": BOOLEAN, "detail": TEXT}, and exits 1 if
// any check failed. Every check runs once without ("plain: ...") and once with ("deflate: ...")
// permessage-deflate. NodeWsPeerTest (Java) lists the names it expects, so keep them in step.
import net from 'node:net';
import crypto from 'node:crypto';
import WebSocket from 'ws';

const url = parseUrl(process.argv[2]);
if (!url || url.protocol !== 'ws:') {
  console.error('usage: node echo-peer.mjs ws://HOST:PORT/echo');
  process.exit(2);
}
const SIZES = [0, 1, 125, 126, 65535, 65536, 1 << 20, 16 << 20];
const CHECK_TIMEOUT_MS = 120_000;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

let failures = 0;

function parseUrl(text) {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

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

// ---- payloads ----

// UTF-8 text of exactly `size` bytes with 1- to 4-byte characters, so both the server's validator
// and any split between frames meet multi-byte sequences.
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
  const result = bytes.toString('utf8');
  expect(Buffer.byteLength(result) === size, `test text has ${Buffer.byteLength(result)} bytes, not ${size}`);
  return result;
}

// Random, hence incompressible: deflate must cope with output larger than its input.
const binary = (size) => crypto.randomBytes(size);

function describe(buffer) {
  return `${buffer.length} bytes, sha256 ${crypto.createHash('sha256').update(buffer).digest('hex').slice(0, 16)}`;
}

// ---- a ws client with a message queue ----

class Peer {
  static open(deflate) {
    const ws = new WebSocket(url, {
      // threshold 0: compress every message, the empty one included, not only those over 1 KiB.
      perMessageDeflate: deflate ? { threshold: 0 } : false,
      maxPayload: 128 << 20,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Peer(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (req, res) => reject(new Error(`handshake answered ${res.statusCode}`)));
    });
  }

  constructor(ws) {
    this.ws = ws;
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

  nextPong() {
    return new Promise((resolve) => this.ws.once('pong', resolve));
  }

  closeEvent() {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(data, options) {
    return new Promise((resolve, reject) => this.ws.send(data, options, (e) => (e ? reject(e) : resolve())));
  }
}

async function expectEcho(peer, sent, isBinary) {
  const { data, isBinary: gotBinary } = await peer.nextMessage();
  expect(gotBinary === isBinary, `echo came back as ${gotBinary ? 'binary' : 'text'}`);
  expect(data.equals(sent), `echo differs: sent ${describe(sent)}, got ${describe(data)}`);
  return `echoed ${describe(data)}`;
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

async function sendFragmented(peer, bytes, isBinary, between) {
  const parts = pieces(bytes);
  for (let i = 0; i < parts.length; i++) {
    const fin = i === parts.length - 1;
    await peer.send(parts[i], { binary: isBinary, fin, compress: true });
    if (!fin && between) await between(i);
  }
  return parts.length;
}

// ---- raw socket: what ws will not send ----

function frame({ fin = true, rsv = 0, opcode, payload = Buffer.alloc(0), masked = true }) {
  expect(payload.length < 126, 'raw frames here are short');
  const head = Buffer.from([(fin ? 0x80 : 0) | (rsv << 4) | opcode, (masked ? 0x80 : 0) | payload.length]);
  if (!masked) return Buffer.concat([head, payload]);
  const key = crypto.randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([head, key, body]);
}

// Handshakes by hand, sends `bad` and resolves with the close code of the server's close frame.
function rawCloseCodeAfter(bad, deflate) {
  return new Promise((resolve, reject) => {
    const key = crypto.randomBytes(16).toString('base64');
    const socket = net.connect(Number(url.port), url.hostname);
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    const fail = (message) => {
      socket.destroy();
      reject(new Error(message));
    };
    socket.on('connect', () => {
      socket.write(
        `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
          (deflate ? 'Sec-WebSocket-Extensions: permessage-deflate\r\n' : '') +
          '\r\n');
    });
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        buffered = buffered.subarray(end + 4);
        const accept = crypto.createHash('sha1').update(key + WS_GUID).digest('base64');
        if (!/^HTTP\/1\.1 101 /.test(head)) return fail(`handshake answered: ${head.split('\r\n')[0]}`);
        if (!head.includes(`\r\nSec-WebSocket-Accept: ${accept}`) && !head.toLowerCase().includes(`\r\nsec-websocket-accept: ${accept.toLowerCase()}`)) {
          return fail(`wrong or missing Sec-WebSocket-Accept in: ${head}`);
        }
        if (/permessage-deflate/i.test(head) !== deflate) {
          return fail(`permessage-deflate ${deflate ? 'not ' : ''}negotiated: ${head}`);
        }
        upgraded = true;
        socket.write(bad);
      }
      if (buffered.length < 2) return;
      const opcode = buffered[0] & 0x0f;
      let length = buffered[1] & 0x7f;
      let offset = 2;
      if (buffered[1] & 0x80) return fail('the server masked its frame');
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        return fail(`expected a close frame, got opcode ${opcode} with a 64-bit length`);
      }
      if (buffered.length < offset + length) return;
      if (opcode !== 0x8) return fail(`expected a close frame, got opcode ${opcode}`);
      if (length < 2) return fail('close frame without a status code');
      const code = buffered.readUInt16BE(offset);
      const reason = buffered.subarray(offset + 2, offset + length).toString('utf8');
      socket.end();
      resolve({ code, reason });
    });
    socket.on('error', (e) => reject(e));
    socket.on('close', () => reject(new Error(upgraded ? 'TCP closed without a close frame' : 'TCP closed during the handshake')));
  });
}

async function expectProtocolError(bad, deflate) {
  const { code, reason } = await rawCloseCodeAfter(bad, deflate);
  expect(code === 1002, `close code ${code} '${reason}', expected 1002`);
  return `close 1002 '${reason}'`;
}

// ---- the checks ----

async function runMode(deflate) {
  const mode = deflate ? 'deflate' : 'plain';
  let peer = null;
  // Echo checks share one connection (so deflate contexts carry over between messages), and open
  // a fresh one only if an earlier check lost it.
  const connected = async () => {
    if (!peer || peer.closed) peer = await Peer.open(deflate);
    return peer;
  };

  await check(`${mode}: negotiated extensions`, async () => {
    const p = await connected();
    const expected = deflate ? 'permessage-deflate' : '';
    expect(p.ws.extensions === expected, `ws.extensions is '${p.ws.extensions}', expected '${expected}'`);
    return `ws.extensions '${p.ws.extensions}'`;
  });

  for (const size of SIZES) {
    await check(`${mode}: echo text ${size} bytes`, async () => {
      const p = await connected();
      const message = text(size);
      await p.send(message, {});
      return expectEcho(p, Buffer.from(message, 'utf8'), false);
    });
    await check(`${mode}: echo binary ${size} bytes`, async () => {
      const p = await connected();
      const message = binary(size);
      await p.send(message, {});
      return expectEcho(p, message, true);
    });
  }

  // The demo's headline limit, random so that compressed it is a frame a little over 64 MiB.
  await check(`${mode}: echo binary at the 64 MiB limit`, async () => {
    const p = await connected();
    const message = binary(64 << 20);
    await p.send(message, {});
    return expectEcho(p, message, true);
  });

  await check(`${mode}: fragmented text`, async () => {
    const p = await connected();
    const message = Buffer.from(text(200_000), 'utf8');
    const n = await sendFragmented(p, message, false);
    return `${n} fragments split inside characters; ${await expectEcho(p, message, false)}`;
  });
  await check(`${mode}: fragmented binary`, async () => {
    const p = await connected();
    const message = binary(200_000);
    const n = await sendFragmented(p, message, true);
    return `${n} fragments; ${await expectEcho(p, message, true)}`;
  });
  await check(`${mode}: ping between fragments`, async () => {
    const p = await connected();
    const message = binary(70_000);
    const payload = Buffer.from('between fragments');
    let pong;
    await sendFragmented(p, message, true, (i) => {
      if (i === 2) {
        pong = p.nextPong();
        p.ws.ping(payload);
      }
    });
    const echoed = await expectEcho(p, message, true);
    const got = await pong;
    expect(got.equals(payload), `pong payload '${got}', expected '${payload}'`);
    return `pong '${got}'; ${echoed}`;
  });

  for (const size of [0, 125]) {
    await check(`${mode}: ping ${size} bytes answered by pong`, async () => {
      const p = await connected();
      const payload = binary(size);
      const pong = p.nextPong();
      p.ws.ping(payload);
      const got = await pong;
      expect(got.equals(payload), `pong carries ${describe(got)}, ping carried ${describe(payload)}`);
      return `pong with ${describe(got)}`;
    });
  }

  if (peer && !peer.closed) {
    peer.ws.close(1000);
    await peer.closeEvent();
  }

  await check(`${mode}: close 1000 echoed`, async () => {
    const p = await Peer.open(deflate);
    p.ws.close(1000);
    const { code, reason } = await p.closeEvent();
    expect(code === 1000, `close event code ${code} '${reason}', expected 1000`);
    return `close ${code} '${reason}'`;
  });
  await check(`${mode}: close 4000 with reason echoed`, async () => {
    const p = await Peer.open(deflate);
    p.ws.close(4000, 'bowline peer test');
    const { code, reason } = await p.closeEvent();
    expect(code === 4000, `close event code ${code} '${reason}', expected 4000`);
    return `close ${code} '${reason}'`;
  });

  await check(`${mode}: unmasked client frame gets close 1002`, () =>
    expectProtocolError(frame({ opcode: 0x1, payload: Buffer.from('hello'), masked: false }), deflate));
  await check(`${mode}: reserved opcode 3 gets close 1002`, () =>
    expectProtocolError(frame({ opcode: 0x3, payload: Buffer.from('hello') }), deflate));
  await check(`${mode}: reserved control opcode 11 gets close 1002`, () =>
    expectProtocolError(frame({ opcode: 0xb }), deflate));
  await check(`${mode}: RSV2 set gets close 1002`, () =>
    expectProtocolError(frame({ rsv: 0x2, opcode: 0x1, payload: Buffer.from('hello') }), deflate));
  if (!deflate) {
    await check(`${mode}: RSV1 without permessage-deflate gets close 1002`, () =>
      expectProtocolError(frame({ rsv: 0x4, opcode: 0x1, payload: Buffer.from('hello') }), deflate));
  } else {
    await check(`${mode}: RSV1 on a ping gets close 1002`, () =>
      expectProtocolError(frame({ rsv: 0x4, opcode: 0x9 }), deflate));
  }
}

await runMode(false);
await runMode(true);
process.exit(failures === 0 ? 0 : 1);
