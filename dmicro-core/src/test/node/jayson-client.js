// Drives npm's jayson JSON-RPC 2.0 client against a drpc endpoint, as a Node.js user would, and
// prints one JSON object with what each call returned; the Java test asserts on it.
// usage: node jayson-client.js tcp|http HOST PORT [PATH]
'use strict';
const jayson = require('jayson/promise');

const [mode, host, port, path] = process.argv.slice(2);
const client = mode === 'http'
  ? jayson.client.http({ host, port: Number(port), path: path || '/jsonrpc' })
  : jayson.client.tcp({ host, port: Number(port) });

function brief(response) {
  return response.error ? { error: { code: response.error.code, message: response.error.message, data: response.error.data } }
    : { result: response.result, id: response.id };
}

(async () => {
  const out = {};
  out.add = brief(await client.request('math.add', { a: 1, b: 2 }));
  out.slashName = brief(await client.request('/math/add', { a: 20, b: 22 }));
  out.stringId = brief(await client.request('math.add', { a: 2, b: 3 }, 'id-7'));
  out.unknown = brief(await client.request('math.sub', { a: 1, b: 2 }));
  out.badParams = brief(await client.request('math.add', { a: 'one', b: 2 }));
  // positional params: onto a record's components in order, or the one value of a single argument
  out.positional = brief(await client.request('math.add', [4, 5]));
  out.positionalTooMany = brief(await client.request('math.add', [1, 2, 3]));
  out.positionalSingle = brief(await client.request('text.upper', ['shout']));
  out.positionalMap = brief(await client.request('kv.size', [1, 2]));
  const batch = await client.request([
    client.request('math.add', { a: 1, b: 1 }, undefined, false),
    client.request('math.nope', {}, undefined, false),
    client.request('math.add', { a: 5, b: 5 }, undefined, false),
  ]);
  out.batch = batch.map(brief).sort((x, y) => String(x.id).localeCompare(String(y.id)));
  // a notification (id null in jayson): no answer; the server records it
  await client.request('chat.say', { text: 'hello from jayson' }, null);
  console.log(JSON.stringify(out));
})().catch((err) => {
  console.error('jayson client failed:', err && err.stack || err);
  process.exit(1);
});
