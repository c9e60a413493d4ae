// npm's ws client sends a drpc WebSocket listener what it must refuse, and prints the close code
// the server sent for each case (one JSON object); the Java test asserts on it.
// usage: node ws-close-codes.js ws://HOST:PORT/PATH?proto=jsonrpc MAX_MESSAGE_BYTES
'use strict';
const crypto = require('crypto');
const WebSocket = require('ws');

const [url, max] = process.argv.slice(2);

function closeCode(name, act) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error(name + ': no close within 10 s')), 10000);
    ws.on('open', () => act(ws));
    ws.on('error', () => {}); // the close event follows with the code
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** A client frame by hand (masked, as a client's must be), written under ws: for what ws itself never sends. */
function rawFrame(ws, firstByte, payload) {
  const mask = crypto.randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  ws._socket.write(Buffer.concat([Buffer.from([firstByte, 0x80 | payload.length]), mask, masked]));
}

(async () => {
  const out = {};
  // text whose bytes are not UTF-8 (ws sends a Buffer as a text frame as it is)
  out.invalidUtf8 = await closeCode('invalid UTF-8', (ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
  // a frame with a reserved opcode (0x3): a protocol error
  out.reservedOpcode = await closeCode('reserved opcode', (ws) => rawFrame(ws, 0x83, [0x7b, 0x7d]));
  // a message over the limit
  out.tooBig = await closeCode('too big', (ws) => ws.send('x'.repeat(Number(max) + 1024)));
  // a proto the listener does not have: refused in the close (1008, with the reason), not a plain goodbye
  out.unknownProto = await new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('proto=jsonrpc', 'proto=bogus'));
    const timer = setTimeout(() => reject(new Error('unknown proto: no close within 10 s')), 10000);
    ws.on('error', () => {});
    ws.on('close', (code, reason) => { clearTimeout(timer); resolve({ code, reason: reason.toString() }); });
  });
  // binary messages are one JSON-RPC document each, as text messages are: two requests, two answers
  out.binary = await new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const answers = [];
    const timer = setTimeout(() => reject(new Error('binary: ' + answers.length + ' answers within 10 s')), 10000);
    ws.on('open', () => {
      ws.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'math.add', params: { a: 1, b: 2 }, id: 3 })), { binary: true });
      ws.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'math.add', params: { a: 3, b: 4 }, id: 4 })), { binary: true });
    });
    ws.on('message', (data) => {
      answers.push(JSON.parse(data.toString()));
      if (answers.length === 2) { clearTimeout(timer); resolve(answers); ws.close(1000); }
    });
    ws.on('error', reject);
  });
  // a good request still gets its answer (the listener is fine)
  out.answer = await new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'math.add', params: { a: 1, b: 2 }, id: 1 }, null, 2)));
    ws.on('message', (data) => { resolve(JSON.parse(data.toString())); ws.close(1000); });
    ws.on('error', reject);
  });
  console.log(JSON.stringify(out));
})().catch((err) => {
  console.error('ws client failed:', err && err.stack || err);
  process.exit(1);
});
