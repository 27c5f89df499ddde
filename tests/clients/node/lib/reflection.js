'use strict';
// A client that knows a server only through gRPC server reflection
// (grpc.reflection.v1alpha, the version gRPC C++ 1.51 serves): it lists the
// services, resolves symbols to protobufjs descriptors, prints them the way
// grpcurl's `describe` does, and makes dynamic calls from those descriptors.

const grpc = require('@grpc/grpc-js');
const protobuf = require('protobufjs');
const {Client: ReflectionClient} = require('grpc-reflection-js');
const reflectionPb = require('grpc-reflection-js/build/src/reflection_pb');
const {messageToJson, messageFromJson} = require('./proto3_json');

const STATUS_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([k, v]) => [v, k]));
// grpcurl prints codes the way Go names them.
const GO_CODE_NAMES = {
  0: 'OK', 1: 'Canceled', 2: 'Unknown', 3: 'InvalidArgument', 4: 'DeadlineExceeded', 5: 'NotFound',
  6: 'AlreadyExists', 7: 'PermissionDenied', 8: 'ResourceExhausted', 9: 'FailedPrecondition', 10: 'Aborted',
  11: 'OutOfRange', 12: 'Unimplemented', 13: 'Internal', 14: 'Unavailable', 15: 'DataLoss', 16: 'Unauthenticated',
};

class Reflector {
  constructor(address) {
    this.address = address;
    this.credentials = grpc.credentials.createInsecure();
    this.reflection = new ReflectionClient(address, this.credentials);
    this.channelClient = new grpc.Client(address, this.credentials);
    this.roots = new Map();
  }

  close() {
    this.channelClient.close();
    this.reflection.grpcClient.close();
  }

  // Service names, sorted (grpcurl sorts them too).
  async listServices() {
    const services = await this.reflection.listServices();
    return services.slice().sort();
  }

  // One raw ServerReflectionInfo exchange, to get the server's own error
  // text (grpc-reflection-js rejects with an empty Error on error_response).
  rawFileContainingSymbol(symbol, deadlineMs = 5000) {
    return new Promise((resolve, reject) => {
      const call = this.reflection.grpcClient.serverReflectionInfo(
          new grpc.Metadata(), {deadline: Date.now() + deadlineMs});
      call.on('data', (response) => {
        if (response.hasErrorResponse()) {
          const e = response.getErrorResponse();
          resolve({error: {code: e.getErrorCode(), message: e.getErrorMessage()}});
        } else {
          resolve({files: response.getFileDescriptorResponse().getFileDescriptorProtoList().length});
        }
      });
      call.on('error', reject);
      const request = new reflectionPb.ServerReflectionRequest();
      request.setFileContainingSymbol(symbol);
      call.write(request);
      call.end();
    });
  }

  // The protobufjs Root of the file that defines `symbol` (a service, method,
  // message, enum or field) and all its dependencies.
  async rootFor(symbol) {
    if (this.roots.has(symbol)) return this.roots.get(symbol);
    let root;
    try {
      root = await this.reflection.fileContainingSymbol(symbol);
    } catch (e) {
      let detail = e && e.message;
      try {
        const raw = await this.rawFileContainingSymbol(symbol);
        if (raw.error) detail = `${raw.error.message} (reflection error ${raw.error.code})`;
      } catch (e2) {
        detail = e2.message;
      }
      const err = new Error(`Failed to resolve symbol "${symbol}": ${detail || 'unknown error'}`);
      err.symbolNotFound = true;
      throw err;
    }
    root.resolveAll();
    this.roots.set(symbol, root);
    return root;
  }

  async lookup(symbol) {
    const root = await this.rootFor(symbol);
    const found = root.lookup(symbol);
    if (!found) throw new Error(`Symbol "${symbol}" resolved to a file that does not define it`);
    return found;
  }

  // What file_containing_symbol returns, undecoded into a Root: the
  // FileDescriptorProto that defines `symbol` comes first; its name (as the
  // server registered it) and its imports.
  async fileContaining(symbol) {
    await this.rootFor(symbol);  // a clear error when the symbol is unknown
    const files = await this.reflection.getFileContainingSymbol(symbol);
    if (!files.length) throw new Error(`no file descriptor for "${symbol}"`);
    return {name: files[0].name, package: files[0].package, dependencies: files[0].dependency || []};
  }

  // grpcurl `list SERVICE`: the methods' full names.
  async listMethods(service) {
    const s = await this.lookup(service);
    if (!(s instanceof protobuf.Service)) throw new Error(`"${service}" is not a service`);
    return Object.keys(s.methods).sort().map((m) => `${service}.${m}`);
  }

  // grpcurl `describe SYMBOL`.
  async describe(symbol) {
    const o = await this.lookup(symbol);
    const full = o.fullName.slice(1);
    if (o instanceof protobuf.Service) return `${full} is a service:\n${serviceText(o)}`;
    if (o instanceof protobuf.Method) return `${full} is a method:\n${methodText(o)}`;
    if (o instanceof protobuf.Type) return `${full} is a message:\n${messageText(o, '')}`;
    if (o instanceof protobuf.Enum) return `${full} is an enum:\n${enumText(o, '')}`;
    if (o instanceof protobuf.Field) return `${full} is a field:\n${fieldText(o)}`;
    return `${full} is a ${o.constructor.name}`;
  }

  // The reflected method, with its request and response types.
  async method(fullMethod) {
    const slash = fullMethod.lastIndexOf('/');
    const dot = fullMethod.lastIndexOf('.');
    const cut = slash > 0 ? slash : dot;
    if (cut <= 0) throw new Error(`bad method name "${fullMethod}": want package.Service/Method`);
    const service = fullMethod.slice(0, cut);
    const name = fullMethod.slice(cut + 1);
    const s = await this.lookup(service);
    if (!(s instanceof protobuf.Service)) throw new Error(`"${service}" is not a service`);
    const m = s.methods[name];
    if (!m) throw new Error(`service "${service}" does not include a method named "${name}"`);
    m.resolve();
    return {
      path: `/${service}/${name}`,
      method: m,
      requestType: m.resolvedRequestType,
      responseType: m.resolvedResponseType,
      clientStreaming: !!m.requestStream,
      serverStreaming: !!m.responseStream,
    };
  }

  // A dynamic call from JSON request(s), returning proto3 JSON response(s).
  // Unary: one request, resolves to one response. Streaming: `requests` is an
  // array; resolves to {responses, status} (status set when the call failed
  // after some responses, e.g. a deadline on an endless stream).
  async call(fullMethod, requests, {deadlineMs = 10000} = {}) {
    const m = await this.method(fullMethod);
    const serialize = (json) => Buffer.from(m.requestType.encode(messageFromJson(m.requestType, json)).finish());
    const deserialize = (buf) => messageToJson(m.responseType, m.responseType.decode(buf));
    const options = {deadline: Date.now() + deadlineMs};
    const c = this.channelClient;
    const list = Array.isArray(requests) ? requests : [requests];
    for (const r of list) serialize(r);  // JSON errors before anything is sent
    if (!m.clientStreaming && !m.serverStreaming) {
      if (list.length !== 1) throw new Error(`${fullMethod} is unary: exactly one request, got ${list.length}`);
      return new Promise((resolve, reject) => {
        c.makeUnaryRequest(m.path, serialize, deserialize, list[0], new grpc.Metadata(), options,
                           (err, response) => (err ? reject(err) : resolve(response)));
      });
    }
    return new Promise((resolve) => {
      const responses = [];
      let call;
      const done = (status) => resolve({responses, status});
      if (m.clientStreaming && !m.serverStreaming) {
        call = c.makeClientStreamRequest(m.path, serialize, deserialize, new grpc.Metadata(), options,
                                         (err, response) => {
                                           if (response) responses.push(response);
                                           done(err || null);
                                         });
      } else {
        call = m.clientStreaming
            ? c.makeBidiStreamRequest(m.path, serialize, deserialize, new grpc.Metadata(), options)
            : c.makeServerStreamRequest(m.path, serialize, deserialize, list[0], new grpc.Metadata(), options);
        call.on('data', (d) => responses.push(d));
        call.on('error', (e) => done(e));
        call.on('end', () => done(null));
      }
      if (m.clientStreaming) {
        for (const r of list) call.write(r);
        call.end();
      }
    });
  }
}

// --- grpcurl-style descriptor text (protoprint: compact, sorted, fully qualified names)

function typeRef(field) {
  if (field.resolvedType) return field.resolvedType.fullName;
  return field.type;
}

function fieldText(field, indent = '') {
  field.resolve();
  if (field.map) {
    return `${indent}map<${field.keyType}, ${typeRef(field)}> ${field.name} = ${field.id};`;
  }
  const label = field.repeated ? 'repeated ' : '';
  return `${indent}${label}${typeRef(field)} ${field.name} = ${field.id};`;
}

function methodText(m, indent = '') {
  m.resolve();
  const req = `${m.requestStream ? 'stream ' : ''}${m.resolvedRequestType.fullName}`;
  const res = `${m.responseStream ? 'stream ' : ''}${m.resolvedResponseType.fullName}`;
  return `${indent}rpc ${m.name} ( ${req} ) returns ( ${res} );`;
}

function serviceText(s) {
  const lines = [`service ${s.name} {`];
  for (const name of Object.keys(s.methods).sort()) lines.push(methodText(s.methods[name], '  '));
  lines.push('}');
  return lines.join('\n');
}

function enumText(e, indent) {
  const lines = [`${indent}enum ${e.name} {`];
  const entries = Object.entries(e.values).sort((a, b) => a[1] - b[1]);
  for (const [name, id] of entries) lines.push(`${indent}  ${name} = ${id};`);
  lines.push(`${indent}}`);
  return lines.join('\n');
}

function messageText(t, indent) {
  const lines = [`${indent}message ${t.name} {`];
  const inner = indent + '  ';
  const oneofs = new Map();
  const items = [];
  for (const f of t.fieldsArray) {
    if (f.partOf && !f.partOf.isSynthetic) {  // a real oneof (not proto3 optional)
      if (!oneofs.has(f.partOf.name)) {
        oneofs.set(f.partOf.name, f.partOf);
        items.push({id: Math.min(...f.partOf.fieldsArray.map((x) => x.id)), oneof: f.partOf});
      }
    } else {
      items.push({id: f.id, field: f});
    }
  }
  items.sort((a, b) => a.id - b.id);
  for (const item of items) {
    if (item.field) {
      lines.push(fieldText(item.field, inner));
    } else {
      lines.push(`${inner}oneof ${item.oneof.name} {`);
      for (const f of item.oneof.fieldsArray.slice().sort((a, b) => a.id - b.id)) {
        lines.push(fieldText(f, inner + '  '));
      }
      lines.push(`${inner}}`);
    }
  }
  for (const nested of t.nestedArray) {
    if (nested instanceof protobuf.Type) lines.push(messageText(nested, inner));
    else if (nested instanceof protobuf.Enum) lines.push(enumText(nested, inner));
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

// "Code: NotFound" etc., as grpcurl prints a failed call.
function grpcurlErrorText(err) {
  return `ERROR:\n  Code: ${GO_CODE_NAMES[err.code] || err.code}\n  Message: ${err.details}`;
}

module.exports = {Reflector, STATUS_NAMES, GO_CODE_NAMES, grpcurlErrorText, methodText, messageText};
