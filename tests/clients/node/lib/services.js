'use strict';
// Starts the real accord-ingest and accord-query binaries on 127.0.0.1:0 in a
// private temp dir, waits for their port files, and stops them with SIGTERM.

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function sleepMs(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Polls cond() (sync or async) until it returns a truthy value or the deadline
// passes; throws with `what` on timeout.
async function pollUntil(what, timeoutMs, cond, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  for (;;) {
    try {
      const value = await cond();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` +
                      (lastError ? ` (last error: ${lastError.message})` : ''));
    }
    await sleepMs(intervalMs);
  }
}

// The environment without ACCORD_* variables: the binaries read every flag
// from ACCORD_<FLAG>, and a stray one must not change the test.
function hermeticEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('ACCORD_')) env[k] = v;
  }
  return env;
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch (e) {
    return `(no log: ${e.message})`;
  }
}

class Server {
  constructor(name, binary, args, dir) {
    this.name = name;
    this.logFile = path.join(dir, `${name}.log`);
    this.portFile = args.find((a) => a.startsWith('--port_file=')).slice('--port_file='.length);
    const log = fs.openSync(this.logFile, 'w');
    this.proc = childProcess.spawn(binary, args, {stdio: ['ignore', log, log], env: hermeticEnv()});
    fs.closeSync(log);
    this.exit = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => resolve({code, signal}));
      this.proc.on('error', (err) => resolve({code: null, signal: null, error: err}));
    });
    this.exited = null;
    this.exit.then((r) => { this.exited = r; });
  }

  // The port, once the port file holds a whole line (the binary writes it
  // with a plain ofstream, so a partial read is possible).
  async waitForPort(timeoutMs) {
    const port = await pollUntil(`${this.name} port file ${this.portFile}`, timeoutMs, () => {
      if (this.exited) {
        throw new Error(`${this.name} exited early: ${JSON.stringify(this.exited)}\n${tail(this.logFile)}`);
      }
      let text;
      try {
        text = fs.readFileSync(this.portFile, 'utf8');
      } catch (e) {
        return null;
      }
      const m = /^(\d+)\n$/.exec(text);
      return m ? Number(m[1]) : null;
    });
    this.port = port;
    this.address = `127.0.0.1:${port}`;
    return port;
  }

  // SIGTERM, then the exit status within timeoutMs; SIGKILL if it hangs.
  async stop(timeoutMs) {
    if (!this.exited) this.proc.kill('SIGTERM');
    const timer = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs));
    const r = await Promise.race([this.exit, timer]);
    if (r === null) {
      this.proc.kill('SIGKILL');
      await this.exit;
      return {code: null, signal: 'SIGKILL (hung after SIGTERM)'};
    }
    return r;
  }
}

// Starts accord-ingest, then accord-query following it. Returns
// {dir, ingest, query}. Each server's output goes to DIR/{name}.log.
async function startServices({ingestBinary, queryBinary, timeoutMs = 15000}) {
  for (const b of [ingestBinary, queryBinary]) {
    if (!b || !fs.existsSync(b)) throw new Error(`binary not found: ${b}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-node-client-'));
  const ingest = new Server('ingest', ingestBinary, [
    '--listen=127.0.0.1:0',
    `--data_dir=${path.join(dir, 'ingest')}`,
    `--port_file=${path.join(dir, 'ingest.port')}`,
    '--shutdown_grace=2s',
  ], dir);
  const services = {dir, ingest, query: null};
  try {
    await ingest.waitForPort(timeoutMs);
    services.query = new Server('query', queryBinary, [
      '--listen=127.0.0.1:0',
      `--data_dir=${path.join(dir, 'query')}`,
      `--ingest=${ingest.address}`,
      `--port_file=${path.join(dir, 'query.port')}`,
      '--shutdown_grace=2s',
    ], dir);
    await services.query.waitForPort(timeoutMs);
  } catch (e) {
    await stopServices(services);
    throw e;
  }
  return services;
}

// Stops query first (it follows ingest), then ingest. Returns
// [{name, code, signal}] for whatever was started.
async function stopServices(services, timeoutMs = 10000) {
  const results = [];
  for (const s of [services.query, services.ingest]) {
    if (!s) continue;
    const r = await s.stop(timeoutMs);
    results.push({name: s.name, ...r, log: s.logFile});
  }
  return results;
}

module.exports = {pollUntil, startServices, stopServices, tail, hermeticEnv};
