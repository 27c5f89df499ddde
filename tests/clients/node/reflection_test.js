#!/usr/bin/env node
'use strict';
// What grpcurl does, from Node, against the real binaries: list the services
// and describe methods and messages through server reflection alone (no
// .proto file is read), then make real calls built only from the reflected
// descriptors: a health Check on each service, an IngestArticle on the ingest
// service, and the same article read back from the query service.
// Prints one line per check; exits non-zero on the first failure.
//
//   node reflection_test.js --ingest BIN --query BIN

const {startServices, stopServices, pollUntil, tail} = require('./lib/services');
const {Reflector} = require('./lib/reflection');

const TIMEOUT_MS = 15000;
const WATCHDOG_MS = 50000;  // under ctest's TIMEOUT 60

let checks = 0;
class CheckFailed extends Error {}

function check(cond, what, got) {
  ++checks;
  if (cond) {
    console.log(`ok   ${what}`);
    return;
  }
  console.log(`FAIL ${what}` + (got === undefined ? '' : `\n     got: ${JSON.stringify(got)}`));
  throw new CheckFailed(what);
}

function checkEq(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  check(g === w, `${what} == ${w.length > 110 ? w.slice(0, 109) + '…' : w}`, g === w ? undefined : got);
}

async function expectError(promise, code, what) {
  try {
    const r = await promise;
    check(false, `${what}: expected status ${code}`, r);
  } catch (e) {
    if (e instanceof CheckFailed) throw e;
    check(e.code === code, `${what}: status ${e.code} (${e.details || e.message})`, e.message);
  }
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; ++i) {
    const m = /^--([a-z_]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    args[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
  }
  if (!args.ingest || !args.query) throw new Error('usage: reflection_test.js --ingest BIN --query BIN');
  return args;
}

// Polls the health Check, built from the reflected grpc.health.v1 descriptors.
async function waitServing(r, service, what) {
  const seen = [];
  await pollUntil(`${what} health SERVING`, TIMEOUT_MS, async () => {
    const res = await r.call('grpc.health.v1.Health/Check', {service}, {deadlineMs: 1000});
    seen.push(res.status);
    return res.status === 'SERVING';
  });
  check(true, `${what}: grpc.health.v1.Health/Check {"service":"${service}"} -> SERVING ` +
              `(dynamic call from reflected descriptors; ${seen.length} check(s), first ${seen[0]})`);
}

// list, resolve, describe: what grpcurl list/describe print.
async function checkReflection(r, what, serviceName, otherServices) {
  const services = await r.listServices();
  checkEq(services, [serviceName, 'grpc.health.v1.Health', 'grpc.reflection.v1alpha.ServerReflection'].sort(),
          `${what}: list services`);
  for (const s of otherServices) check(!services.includes(s), `${what}: list does not include ${s}`, services);

  const file = await r.fileContaining(serviceName);
  const expectedFile = serviceName === 'accord.v1.IngestService' ? 'accord/v1/ingest_service.proto'
                                                                  : 'accord/v1/query_service.proto';
  checkEq(file.name, expectedFile, `${what}: file_containing_symbol(${serviceName}) file`);
  checkEq(file.package, 'accord.v1', `${what}: ${expectedFile} package`);
  check(file.dependencies.includes('accord/v1/records.proto'),
        `${what}: ${expectedFile} imports accord/v1/records.proto`, file.dependencies);
  const health = await r.fileContaining('grpc.health.v1.Health');
  checkEq(health.name, 'grpc/health/v1/health.proto', `${what}: file_containing_symbol(grpc.health.v1.Health) file`);
  await expectReflectionError(r, 'accord.v1.NoSuchService', `${what}: describe accord.v1.NoSuchService`);
}

async function expectReflectionError(r, symbol, what) {
  try {
    await r.describe(symbol);
    check(false, `${what}: expected "Symbol not found"`);
  } catch (e) {
    if (e instanceof CheckFailed) throw e;
    check(/Symbol not found/.test(e.message), `${what}: ${e.message}`, e.message);
  }
}

async function ingestChecks(r) {
  const what = 'ingest';
  await checkReflection(r, what, 'accord.v1.IngestService', ['accord.v1.QueryService']);

  checkEq(await r.listMethods('accord.v1.IngestService'), [
    'accord.v1.IngestService.DeleteArticle', 'accord.v1.IngestService.GetArticle',
    'accord.v1.IngestService.IngestArticle', 'accord.v1.IngestService.IngestArticles',
    'accord.v1.IngestService.WatchChanges',
  ], `${what}: list accord.v1.IngestService`);

  const method = await r.describe('accord.v1.IngestService.IngestArticle');
  checkEq(method.split('\n'), [
    'accord.v1.IngestService.IngestArticle is a method:',
    'rpc IngestArticle ( .accord.v1.IngestArticleRequest ) returns ( .accord.v1.IngestArticleResponse );',
  ], `${what}: describe accord.v1.IngestService.IngestArticle`);

  const service = (await r.describe('accord.v1.IngestService')).split('\n');
  check(service.includes('  rpc IngestArticles ( stream .accord.v1.IngestArticleRequest ) returns ' +
                         '( stream .accord.v1.IngestArticlesResponse );') &&
        service.includes('  rpc WatchChanges ( .accord.v1.WatchChangesRequest ) returns ' +
                         '( stream .accord.v1.WatchChangesResponse );'),
        `${what}: describe accord.v1.IngestService shows the streaming methods`, service);

  checkEq((await r.describe('accord.v1.IngestArticleRequest')).split('\n'), [
    'accord.v1.IngestArticleRequest is a message:',
    'message IngestArticleRequest {',
    '  .accord.v1.Article article = 1;',
    '  bool validate_only = 2;',
    '}',
  ], `${what}: describe accord.v1.IngestArticleRequest`);

  checkEq((await r.describe('accord.v1.IngestArticleResponse')).split('\n'), [
    'accord.v1.IngestArticleResponse is a message:',
    'message IngestArticleResponse {',
    '  string article_id = 1;',
    '  string name = 2;',
    '  bool already_present = 3;',
    '  .accord.v1.ArticleExtraction extraction = 4;',
    '  uint64 sequence = 5;',
    '}',
  ], `${what}: describe accord.v1.IngestArticleResponse`);

  const change = (await r.describe('accord.v1.Change')).split('\n');
  check(change.includes('  oneof change {') && change.includes('    string deleted_name = 7;') &&
        change.includes('  repeated string supports = 8;') &&
        change.includes('  .google.protobuf.Timestamp commit_time = 2;'),
        `${what}: describe accord.v1.Change (oneof change, repeated supports, Timestamp from its import)`, change);

  // Types from an imported file (records.proto) resolve too.
  const article = await r.lookup('accord.v1.Article');
  checkEq(article.fieldsArray.map((f) => `${f.id}:${f.name}`),
          ['1:id', '2:name', '3:url', '4:title', '5:source', '6:published_on', '7:text', '8:ingest_time'],
          `${what}: accord.v1.Article fields`);

  await waitServing(r, '', what);
  await waitServing(r, 'accord.v1.IngestService', what);
}

const ARTICLE = {
  url: 'https://clients-test.example/2026/04/node-reflection',
  title: 'Reflection client article',
  publishedOn: {year: 2026, month: 4, day: 9},
  text: 'Vientiane, April 9 - Lao Minister of Public Security Vilay Lakhamfong and Vietnamese Minister ' +
        'of Public Security General Luong Tam Quang signed the 2026 security cooperation plan on April 8.',
};

async function callChecks(ingest, query) {
  // IngestArticle as grpcurl would send it: proto3 JSON in, proto3 JSON out.
  const res = await ingest.call('accord.v1.IngestService/IngestArticle', {article: ARTICLE});
  check(/^[0-9a-f]{16}$/.test(res.articleId), `ingest: IngestArticle articleId ${res.articleId}`, res);
  checkEq(res.name, `articles/${res.articleId}`, 'ingest: IngestArticle name');
  check(typeof res.sequence === 'string' && Number(res.sequence) > 0,
        `ingest: IngestArticle sequence "${res.sequence}" (uint64 as a JSON string)`, res.sequence);
  check(!('alreadyPresent' in res), 'ingest: IngestArticle alreadyPresent omitted (false is the default)', res);
  checkEq(res.extraction.articleDate, {year: 2026, month: 4, day: 9}, 'ingest: extraction.articleDate');
  const officials = res.extraction.officials || [];
  check(officials.some((o) => o.name === 'officials/luong-tam-quang' && o.countryCode === 'VN'),
        'ingest: extraction has officials/luong-tam-quang (VN)', officials.map((o) => o.name));

  // Bidi stream, from the reflected descriptors: one good article, one bad.
  const bulk = await ingest.call('accord.v1.IngestService/IngestArticles', [{article: ARTICLE}, {article: {}}]);
  checkEq(bulk.status, null, 'ingest: IngestArticles stream status OK');
  checkEq(bulk.responses.map((x) => [x.index || '0', x.result ? x.result.alreadyPresent : x.error.code]),
          [['0', true], ['1', 3]], 'ingest: IngestArticles [index, alreadyPresent | error code]');

  // Server stream: the backlog's first response comes at once.
  const feed = await ingest.call('accord.v1.IngestService/WatchChanges', {afterSequence: '0'}, {deadlineMs: 1500});
  const changes = feed.responses.flatMap((x) => x.changes || []);
  const stored = changes.find((c) => c.article);
  check(stored && stored.article.name === res.name && (stored.supports || []).includes('officials/luong-tam-quang'),
        `ingest: WatchChanges replays the article with supports (${changes.length} change(s) before the deadline)`,
        changes.map((c) => Object.keys(c)));
  check(typeof stored.commitTime === 'string' && /^\d{4}-\d{2}-\d{2}T.*Z$/.test(stored.commitTime),
        `ingest: Change.commitTime as an RFC 3339 string (${stored.commitTime})`, stored.commitTime);
  checkEq(feed.status && feed.status.code, 4, 'ingest: WatchChanges (endless) ends at the client deadline');

  await expectError(ingest.call('accord.v1.IngestService/GetArticle', {name: 'articles/0000000000000000'}), 5,
                    'ingest: GetArticle(articles/0000000000000000) NOT_FOUND');

  // Read it back from the replica with min_sequence, again from reflection only.
  const got = await query.call('accord.v1.QueryService/GetOfficial',
                               {name: 'officials/luong-tam-quang', minSequence: res.sequence});
  checkEq([got.displayName, got.countryCode, got.rank], ['Luong Tam Quang', 'VN', 'General'],
          'query: GetOfficial(officials/luong-tam-quang, minSequence) [displayName, countryCode, rank]');
  const list = await query.call('accord.v1.QueryService/ListArticles',
                                {supports: 'officials/luong-tam-quang', min_sequence: res.sequence});
  checkEq(list.articles.map((a) => [a.name, a.text]), [[res.name, ARTICLE.text]],
          'query: ListArticles(supports=officials/luong-tam-quang) [name, text]');
  const plans = await query.call('accord.v1.QueryService/ListCooperationPlans',
                                 {kind: 'PLAN_KIND_SECURITY', countryCode: 'LA', minSequence: res.sequence});
  checkEq(plans.plans.map((p) => [p.name, p.kind, p.year]), [['plans/security-la-vn-2026', 'PLAN_KIND_SECURITY', 2026]],
          'query: ListCooperationPlans(kind=PLAN_KIND_SECURITY by name, countryCode=LA)');
  await expectError(query.call('accord.v1.QueryService/GetOfficial', {name: 'not-a-name'}), 3,
                    'query: GetOfficial(not-a-name) INVALID_ARGUMENT');
}

async function queryChecks(r) {
  const what = 'query';
  await checkReflection(r, what, 'accord.v1.QueryService', ['accord.v1.IngestService']);
  checkEq(await r.listMethods('accord.v1.QueryService'), [
    'GetArticle', 'GetBorderCheckpoint', 'GetCooperationPlan', 'GetOfficial',
    'ListArticles', 'ListBorderCheckpoints', 'ListCooperationPlans', 'ListOfficials',
  ].map((m) => `accord.v1.QueryService.${m}`), `${what}: list accord.v1.QueryService`);

  checkEq((await r.describe('accord.v1.QueryService.ListCooperationPlans')).split('\n'), [
    'accord.v1.QueryService.ListCooperationPlans is a method:',
    'rpc ListCooperationPlans ( .accord.v1.ListCooperationPlansRequest ) returns ' +
        '( .accord.v1.ListCooperationPlansResponse );',
  ], `${what}: describe accord.v1.QueryService.ListCooperationPlans`);
  // GetArticleRequest lives in ingest_service.proto, which query_service.proto imports.
  checkEq((await r.describe('accord.v1.QueryService.GetArticle')).split('\n')[1],
          'rpc GetArticle ( .accord.v1.GetArticleRequest ) returns ( .accord.v1.Article );',
          `${what}: describe accord.v1.QueryService.GetArticle`);
  checkEq((await r.describe('accord.v1.GetOfficialRequest')).split('\n'), [
    'accord.v1.GetOfficialRequest is a message:',
    'message GetOfficialRequest {',
    '  string name = 1;',
    '  uint64 min_sequence = 2;',
    '}',
  ], `${what}: describe accord.v1.GetOfficialRequest`);
  const lreq = (await r.describe('accord.v1.ListOfficialsRequest')).split('\n');
  check(lreq.includes('  .accord.v1.Date active_on = 6;') && lreq.includes('  uint64 min_sequence = 7;'),
        `${what}: describe accord.v1.ListOfficialsRequest (active_on, min_sequence)`, lreq);
  const kinds = (await r.describe('accord.v1.PlanKind')).split('\n');
  checkEq([kinds[0], kinds[2], kinds[3]],
          ['accord.v1.PlanKind is an enum:', '  PLAN_KIND_UNSPECIFIED = 0;', '  PLAN_KIND_SECURITY = 1;'],
          `${what}: describe accord.v1.PlanKind`);

  await waitServing(r, '', what);
  await waitServing(r, 'accord.v1.QueryService', what);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const services = await startServices({ingestBinary: args.ingest, queryBinary: args.query, timeoutMs: TIMEOUT_MS});
  check(true, `started accord-ingest on ${services.ingest.address}, accord-query on ${services.query.address}`);
  // Never leave the servers behind: not on a hang (ctest's 60 s TIMEOUT kills
  // only this process), not on SIGTERM/SIGINT.
  const abandon = (why) => {
    console.log(`FAIL ${why}: killing the servers`);
    for (const s of [services.ingest, services.query]) s.proc.kill('SIGKILL');
    process.exit(1);
  };
  const watchdog = setTimeout(() => abandon(`still running after ${WATCHDOG_MS} ms`), WATCHDOG_MS);
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => abandon(`got ${sig}`));
  let ok = false;
  const ingest = new Reflector(services.ingest.address);
  const query = new Reflector(services.query.address);
  try {
    await ingestChecks(ingest);
    await queryChecks(query);
    await callChecks(ingest, query);
    ok = true;
  } catch (e) {
    if (!(e instanceof CheckFailed)) console.log(`FAIL ${e.stack || e}`);
    for (const s of [services.ingest, services.query]) console.error(`--- ${s.name} log (tail) ---\n${tail(s.logFile)}`);
  } finally {
    ingest.close();
    query.close();
    for (const r of await stopServices(services)) {
      try {
        checkEq([r.code, r.signal], [0, null], `accord-${r.name} [exit code, signal] after SIGTERM`);
      } catch (e) {
        ok = false;
        console.error(`--- ${r.name} log (tail) ---\n${tail(r.log)}`);
      }
    }
    clearTimeout(watchdog);
    if (ok) require('fs').rmSync(services.dir, {recursive: true, force: true});
    else console.log(`temp dir kept: ${services.dir}`);
  }
  console.log(`${ok ? 'PASS' : 'FAIL'}: ${checks} checks`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.log(`FAIL ${e.stack || e}`);
  process.exit(1);
});
