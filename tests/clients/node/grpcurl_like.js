#!/usr/bin/env node
'use strict';
// A grpcurl stand-in that, like grpcurl, knows the server only through server
// reflection (grpc.reflection.v1alpha); it reads no .proto file. It takes
// grpcurl's arguments:
//
//   grpcurl_like.js -plaintext ADDRESS list [SERVICE]
//   grpcurl_like.js -plaintext ADDRESS describe [SYMBOL]
//   grpcurl_like.js -plaintext [-d JSON|@] [-max-time SECONDS] ADDRESS package.Service/Method
//
// -d takes one JSON object, or several (whitespace-separated) for a
// client-streaming method; "@" reads them from stdin. Responses are printed as
// proto3 JSON (default values omitted), one object per response message. A
// failed call prints grpcurl's "ERROR: Code: ... Message: ..." on stderr and
// exits 64 + the status code, as grpcurl does. Only plaintext is supported.

const fs = require('fs');
const {Reflector, grpcurlErrorText} = require('./lib/reflection');

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(
      'usage: grpcurl_like.js -plaintext [-d JSON|@] [-max-time SECONDS] ADDRESS (list [SERVICE] | describe [SYMBOL] | METHOD)\n');
  process.exit(2);
}

// Several JSON values written one after another ("{...} {...}").
function parseJsonStream(text) {
  const values = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i])) ++i;
    if (i >= n) break;
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < n; ++j) {
      const c = text[j];
      if (inString) {
        if (c === '\\') ++j;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === '{' || c === '[') {
        ++depth;
      } else if (c === '}' || c === ']') {
        if (--depth === 0) { ++j; break; }
      }
    }
    values.push(JSON.parse(text.slice(i, j)));
    i = j;
  }
  return values;
}

async function main(argv) {
  let data = null;
  let maxTimeMs = 0;
  let plaintext = false;
  const positional = [];
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i].replace(/^--/, '-');
    if (a === '-plaintext') plaintext = true;
    else if (a === '-d') data = argv[++i];
    else if (a === '-max-time') maxTimeMs = Math.round(Number(argv[++i]) * 1000);
    else if (a.startsWith('-') && a.length > 1) usage(`unknown flag ${argv[i]}`);
    else positional.push(argv[i]);
  }
  if (!plaintext) usage('only -plaintext connections are supported');
  if (positional.length < 2) usage();
  const [address, verb, ...rest] = positional;
  const r = new Reflector(address);
  try {
    if (verb === 'list') {
      const lines = rest.length ? await r.listMethods(rest[0]) : await r.listServices();
      process.stdout.write(lines.map((l) => l + '\n').join(''));
      return 0;
    }
    if (verb === 'describe') {
      const symbols = rest.length ? rest : await r.listServices();
      for (const s of symbols) process.stdout.write((await r.describe(s)) + '\n');
      return 0;
    }
    // An invocation.
    let text = data === null ? '{}' : data;
    if (text === '@') text = fs.readFileSync(0, 'utf8');
    const requests = parseJsonStream(text);
    if (requests.length === 0) requests.push({});
    const m = await r.method(verb);
    const deadlineMs = maxTimeMs > 0 ? maxTimeMs : 60000;
    if (!m.clientStreaming && !m.serverStreaming) {
      try {
        const response = await r.call(verb, requests[0], {deadlineMs});
        process.stdout.write(JSON.stringify(response, null, 2) + '\n');
        return 0;
      } catch (e) {
        if (e.code === undefined) throw e;
        process.stderr.write(grpcurlErrorText(e) + '\n');
        return 64 + e.code;
      }
    }
    const {responses, status} = await r.call(verb, m.clientStreaming ? requests : requests[0], {deadlineMs});
    process.stdout.write(responses.map((x) => JSON.stringify(x, null, 2)).join('\n') + (responses.length ? '\n' : ''));
    if (status && status.code !== 0) {
      process.stderr.write(grpcurlErrorText(status) + '\n');
      return 64 + status.code;
    }
    return 0;
  } finally {
    r.close();
  }
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      // Like grpcurl's fail(): the message alone, exit status 1.
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    });
