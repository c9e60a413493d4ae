// dmicro.js: a small browser client for a DMicro endpoint over WebSocket, speaking JSON-RPC 2.0
// (one document per WebSocket message). Both ends are peers: the page calls the server, and the
// server calls and pushes to the page.
//
//   import { DmicroClient } from "./dmicro.js";
//   const peer = new DmicroClient("ws://localhost:9090/drpc?proto=jsonrpc");
//   peer.handle("/greeter/hello", (params) => "hello from the page");   // answer the server's calls
//   peer.onPush("/demo/tick", (params) => console.log(params));        // its pushes (notifications)
//   const sum = await peer.call("/math/add", { a: 1, b: 2 });          // 3
//   peer.notify("/chat/say", { text: "hi" });                          // a push to the server
//
// It reconnects with a growing delay (0.5 s up to 10 s) when the connection drops; calls made
// while it is down wait for the connection, and fail after their timeout (10 s by default).

export class DmicroError extends Error {
  constructor(error) {
    super(error.message || "drpc error");
    this.code = error.code;
    this.data = error.data; // the drpc status: {code, msg, cause}
  }
}

export class DmicroClient {
  constructor(url, { timeoutMs = 10000, reconnect = true, onState = () => {} } = {}) {
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.reconnect = reconnect;
    this.onState = onState;
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map();
    this.pushHandlers = new Map();
    this.waiting = [];
    this.delayMs = 500;
    this.closed = false;
    this.open();
  }

  open() {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.delayMs = 500;
      this.onState("open");
      const queued = this.waiting;
      this.waiting = [];
      queued.forEach((text) => ws.send(text));
    };
    ws.onmessage = (event) => this.receive(JSON.parse(event.data));
    ws.onclose = () => {
      this.onState("closed");
      if (!this.closed && this.reconnect) {
        setTimeout(() => this.open(), this.delayMs);
        this.delayMs = Math.min(this.delayMs * 2, 10000);
      }
    };
  }

  /** Calls a route of the server; resolves with its result, rejects with a DmicroError. */
  call(method, params, { timeoutMs = this.timeoutMs } = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DmicroError({ code: -32000, message: `no reply to ${method} within ${timeoutMs} ms` }));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ jsonrpc: "2.0", method, params, id });
    });
  }

  /** Pushes to a route of the server (a JSON-RPC notification): no reply. */
  notify(method, params) {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** Answers the server's calls to `method` with what `fn(params)` returns (or resolves to). */
  handle(method, fn) {
    this.handlers.set(method, fn);
  }

  /** Receives the server's pushes to `method`. */
  onPush(method, fn) {
    this.pushHandlers.set(method, fn);
  }

  close() {
    this.closed = true;
    this.ws.close(1000);
  }

  send(doc) {
    const text = JSON.stringify(doc);
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(text);
    } else {
      this.waiting.push(text);
    }
  }

  async receive(doc) {
    if (Array.isArray(doc)) {
      doc.forEach((d) => this.receive(d));
      return;
    }
    if (doc.method === undefined) { // a reply to one of our calls
      const p = this.pending.get(doc.id);
      if (!p) return;
      this.pending.delete(doc.id);
      clearTimeout(p.timer);
      if (doc.error) p.reject(new DmicroError(doc.error));
      else p.resolve(doc.result);
      return;
    }
    if (doc.id === undefined) { // a push
      const fn = this.pushHandlers.get(doc.method);
      if (fn) fn(doc.params);
      return;
    }
    const fn = this.handlers.get(doc.method); // the server calls us
    if (!fn) {
      this.send({ jsonrpc: "2.0", id: doc.id, error: { code: -32601, message: "Method not found" } });
      return;
    }
    try {
      this.send({ jsonrpc: "2.0", id: doc.id, result: await fn(doc.params) });
    } catch (e) {
      this.send({ jsonrpc: "2.0", id: doc.id, error: { code: -32000, message: String(e && e.message || e) } });
    }
  }
}
