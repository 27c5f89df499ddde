'use strict';
// Proto3 JSON <-> protobufjs messages, for types built from reflected
// descriptors (protobufjs keeps the descriptor's snake_case field names and
// has no JSON mapping of its own for well-known types).
//
// Output follows the proto3 JSON mapping as grpcurl prints it: lowerCamelCase
// names, fields with default values left out, enums by name, 64-bit integers
// as strings, Timestamp/Duration as strings, bytes as base64.
// Input accepts both the JSON name and the original field name.

const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function jsonName(fieldName) {
  // protoc's ToJsonName: drop each '_' and upper-case the next character.
  let out = '';
  let upper = false;
  for (const c of fieldName) {
    if (c === '_') {
      upper = true;
    } else {
      out += upper ? c.toUpperCase() : c;
      upper = false;
    }
  }
  return out;
}

function isLongZero(v) {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'string') return v === '0' || v === '';
  if (typeof v.isZero === 'function') return v.isZero();
  return Number(v) === 0;
}

// The shortest decimal that reads back as the same float32 (what Go prints
// for a float field).
function float32String(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const f = Math.fround(v);
  for (let p = 1; p <= 9; ++p) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

function timestampToJson(msg) {
  const seconds = Number(msg.seconds ? msg.seconds.toString() : 0);
  const nanos = msg.nanos || 0;
  const d = new Date(seconds * 1000);
  let frac = '';
  if (nanos !== 0) {
    frac = pad(nanos, 9);
    if (frac.endsWith('000000')) frac = frac.slice(0, 3);
    else if (frac.endsWith('000')) frac = frac.slice(0, 6);
    frac = '.' + frac;
  }
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T` +
         `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${frac}Z`;
}

function timestampFromJson(s) {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw new Error(`bad Timestamp "${s}"`);
  const ms = Date.parse(m[1] + (m[4] === 'Z' ? 'Z' : m[4]));
  return {seconds: String(Math.floor(ms / 1000)), nanos: m[3] ? Number(m[3].padEnd(9, '0')) : 0};
}

function durationToJson(msg) {
  const seconds = msg.seconds ? msg.seconds.toString() : '0';
  const nanos = msg.nanos || 0;
  if (nanos === 0) return `${seconds}s`;
  const neg = seconds.startsWith('-') || nanos < 0;
  const abs = (seconds.replace('-', '')) + '.' + pad(Math.abs(nanos), 9).replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs}s`;
}

function scalarToJson(field, v) {
  if (field.resolvedType && field.resolvedType.values !== undefined && field.resolvedType.valuesById) {
    const name = field.resolvedType.valuesById[v];
    return name === undefined ? v : name;
  }
  if (field.resolvedType) return messageToJson(field.resolvedType, v);
  if (LONG_TYPES.has(field.type)) return v.toString();
  if (field.type === 'float') return float32String(v);
  if (field.type === 'double') return Number.isFinite(v) ? v : String(v);
  if (field.type === 'bytes') return Buffer.from(v).toString('base64');
  return v;
}

function isDefault(field, v) {
  if (v === null || v === undefined) return true;
  if (field.repeated) return v.length === 0;
  if (field.map) return Object.keys(v).length === 0;
  if (field.resolvedType && field.resolvedType.valuesById) return v === 0;
  if (field.resolvedType) return false;  // a set message field
  if (LONG_TYPES.has(field.type)) return isLongZero(v);
  if (field.type === 'string') return v === '';
  if (field.type === 'bool') return v === false;
  if (field.type === 'bytes') return v.length === 0;
  return v === 0;
}

// A decoded protobufjs message -> a plain proto3 JSON value.
function messageToJson(type, msg) {
  switch (type.fullName) {
    case '.google.protobuf.Timestamp': return timestampToJson(msg);
    case '.google.protobuf.Duration': return durationToJson(msg);
    default: break;
  }
  const out = {};
  for (const field of type.fieldsArray.slice().sort((a, b) => a.id - b.id)) {
    field.resolve();
    const v = msg[field.name];
    const inOneof = field.partOf && msg[field.partOf.name] === field.name;
    if (!inOneof && isDefault(field, v)) continue;
    if (inOneof && (v === null || v === undefined)) continue;
    const key = jsonName(field.name);
    if (field.map) {
      const m = {};
      for (const [k, mv] of Object.entries(v)) m[k] = scalarToJson(field, mv);
      out[key] = m;
    } else if (field.repeated) {
      out[key] = v.map((e) => scalarToJson(field, e));
    } else {
      out[key] = scalarToJson(field, v);
    }
  }
  return out;
}

function valueFromJson(field, v, where) {
  const t = field.resolvedType;
  if (t && t.valuesById) {
    if (typeof v === 'number') return v;
    if (!(v in t.values)) throw new Error(`${where}: enum ${t.fullName.slice(1)} has no value "${v}"`);
    return t.values[v];
  }
  if (t) return plainFromJson(t, v, where);
  return v;  // protobufjs fromObject converts strings to longs and base64 to bytes
}

function plainFromJson(type, json, where) {
  switch (type.fullName) {
    case '.google.protobuf.Timestamp': return timestampFromJson(json);
    default: break;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`${where}: expected a JSON object for ${type.fullName.slice(1)}`);
  }
  const byName = new Map();
  for (const field of type.fieldsArray) {
    byName.set(field.name, field);
    byName.set(jsonName(field.name), field);
  }
  const out = {};
  for (const [key, v] of Object.entries(json)) {
    const field = byName.get(key);
    if (!field) throw new Error(`message type ${type.fullName.slice(1)} has no known field named ${key}`);
    field.resolve();
    if (v === null) continue;
    const w = `${where}.${key}`;
    if (field.repeated) {
      if (!Array.isArray(v)) throw new Error(`${w}: expected a JSON array`);
      out[field.name] = v.map((e) => valueFromJson(field, e, w));
    } else {
      out[field.name] = valueFromJson(field, v, w);
    }
  }
  return out;
}

// A proto3 JSON value -> a protobufjs message of `type`.
function messageFromJson(type, json) {
  return type.fromObject(plainFromJson(type, json, type.name));
}

module.exports = {messageToJson, messageFromJson, jsonName, float32String};
