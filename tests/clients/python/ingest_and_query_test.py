#!/usr/bin/python3
"""A Python backend's path through Accord, against the real binaries.

Starts accord-ingest and accord-query on 127.0.0.1:0 in a temp dir, generates
Python stubs from proto/ at test time (system protoc + grpc_python_plugin),
ingests one article through IngestService.IngestArticle and reads its records
back from QueryService with min_sequence (read-your-writes), then deletes it.
Prints one line per check; exits non-zero on the first failure.

Run with Debian's Python (python3-grpcio, python3-protobuf):
  /usr/bin/python3 ingest_and_query_test.py --ingest BIN --query BIN --proto_dir DIR
"""

import argparse
import ctypes
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

try:
    import grpc
    from google.protobuf import json_format
except ImportError as e:  # pragma: no cover - environment check
    print(f"FAIL: cannot import grpc/protobuf ({e}); run with /usr/bin/python3 and install "
          "python3-grpcio python3-protobuf (scripts/install_client_deps.sh)", flush=True)
    sys.exit(1)

HEALTH_PROTO_DIR = "/usr/share/grpc-proto/grpc/health/v1"
GRPC_PYTHON_PLUGIN = "/usr/bin/grpc_python_plugin"
STARTUP_TIMEOUT_S = 15
RPC_TIMEOUT_S = 10
WATCHDOG_S = 50  # under ctest's TIMEOUT 60

# Written for this test (not from the corpus). What the extractor makes of it
# was checked with `build/cli/accord extract` on the same article as JSON.
ARTICLE_URL = "https://clients-test.example/2026/03/kh-vn-security-plan"
ARTICLE_ID = "638cc25da73fc5c4"  # the id the server derives from ARTICLE_URL
ARTICLE_TEXT = (
    "Phnom Penh, March 3 - Cambodian Deputy Prime Minister and Minister of Interior Sar Sokha and "
    "Vietnamese Minister of Public Security General Luong Tam Quang signed the 2026 security "
    "cooperation plan on March 2. Under the 2026 plan, the two ministries will fight drug trafficking "
    "and online fraud and share intelligence on crime rings operating along the border.")
PLAN = "plans/security-kh-vn-2026"
QUANG = "officials/luong-tam-quang"
SOKHA = "officials/sar-sokha"

checks = 0


class Watchdog(BaseException):
    """The whole test ran too long. Not an Exception, so no retry loop swallows it."""


def check(cond, what, got=None):
    """Prints one line per check; raises on failure."""
    global checks
    checks += 1
    if cond:
        print(f"ok   {what}", flush=True)
        return
    print(f"FAIL {what}" + ("" if got is None else f"\n     got: {got!r}"), flush=True)
    raise AssertionError(what)


def short(v, limit=110):
    s = " ".join(repr(v).split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


def check_eq(got, want, what):
    check(got == want, f"{what} == {short(want)}", got if got != want else None)


def expect_rpc_error(fn, codes, what):
    try:
        r = fn()
    except grpc.RpcError as e:
        check(e.code() in codes, f"{what}: {e.code().name}", f"{e.code().name}: {e.details()}")
        return
    check(False, f"{what}: expected {[c.name for c in codes]}", r)


def poll_until(what, timeout_s, cond, interval_s=0.05):
    deadline = time.monotonic() + timeout_s
    last_error = None
    while True:
        try:
            value = cond()
            if value:
                return value
        except Exception as e:  # noqa: BLE001 - retried until the deadline
            last_error = e
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout_s} s waiting for {what}"
                               + (f" (last error: {last_error})" if last_error else ""))
        time.sleep(interval_s)


def generate_stubs(proto_dir, out_dir):
    protos = sorted(os.path.relpath(p, proto_dir)
                    for p in glob.glob(os.path.join(proto_dir, "accord", "v1", "*.proto")))
    if not protos:
        raise RuntimeError(f"no accord/v1/*.proto under {proto_dir}")
    plugin = f"--plugin=protoc-gen-grpc_python={GRPC_PYTHON_PLUGIN}"
    subprocess.run(["protoc", "-I", proto_dir, f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
                    plugin, *protos], check=True)
    # -I at the health/v1 folder: no gen/grpc/ package to shadow the real `grpc`.
    subprocess.run(["protoc", "-I", HEALTH_PROTO_DIR, f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
                    plugin, "health.proto"], check=True)
    sys.path.insert(0, out_dir)


def die_with_parent():
    """Runs in the child before exec: SIGTERM it if this test process dies."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def hermetic_env():
    # The binaries read every flag from ACCORD_<FLAG>; a stray one must not leak in.
    return {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}


class Server:
    def __init__(self, name, binary, args, tmp):
        self.name = name
        self.port_file = os.path.join(tmp, f"{name}.port")
        self.log_file = os.path.join(tmp, f"{name}.log")
        with open(self.log_file, "wb") as log:
            self.proc = subprocess.Popen([binary, "--listen=127.0.0.1:0", f"--data_dir={os.path.join(tmp, name)}",
                                          f"--port_file={self.port_file}", "--shutdown_grace=2s", *args],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=hermetic_env(),
                                         preexec_fn=die_with_parent)

    def wait_for_port(self):
        def read_port():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited early with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with open(self.port_file) as f:
                    m = re.fullmatch(r"(\d+)\n", f.read())  # a whole line: the file is not written atomically
            except FileNotFoundError:
                return None
            return int(m.group(1)) if m else None
        try:
            self.port = poll_until(f"{self.name} port file", STARTUP_TIMEOUT_S, read_port)
        except TimeoutError as e:
            raise RuntimeError(f"{e}\n{self.log_tail()}") from None
        self.address = f"127.0.0.1:{self.port}"
        return self.port

    def stop(self):
        """SIGTERM; the exit code (None if it had to be killed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def log_tail(self, n=30):
        try:
            with open(self.log_file, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError as e:
            return f"(no log: {e})"


def wait_serving(channel, service, what):
    import health_pb2
    import health_pb2_grpc
    stub = health_pb2_grpc.HealthStub(channel)
    statuses = []

    def serving():
        s = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=1).status
        statuses.append(s)
        return s == health_pb2.HealthCheckResponse.SERVING
    poll_until(f"{what} health SERVING", STARTUP_TIMEOUT_S, serving)
    check(True, f"{what}: health Check('{service}') SERVING"
          f" (after {len(statuses)} check(s), first {health_pb2.HealthCheckResponse.ServingStatus.Name(statuses[0])})")


def run(ingest, query):
    from accord.v1 import ingest_service_pb2 as ingest_pb
    from accord.v1 import ingest_service_pb2_grpc as ingest_grpc
    from accord.v1 import query_service_pb2 as query_pb
    from accord.v1 import query_service_pb2_grpc as query_grpc
    from accord.v1 import records_pb2 as records

    with grpc.insecure_channel(ingest.address) as ich, grpc.insecure_channel(query.address) as qch:
        wait_serving(ich, "", "ingest")
        wait_serving(ich, "accord.v1.IngestService", "ingest")
        wait_serving(qch, "", "query")
        wait_serving(qch, "accord.v1.QueryService", "query")
        istub = ingest_grpc.IngestServiceStub(ich)
        qstub = query_grpc.QueryServiceStub(qch)

        # --- validate_only stores nothing
        article = records.Article(url=ARTICLE_URL, title="Cambodia and Vietnam sign 2026 security plan",
                                  source="Clients Test Wire", text=ARTICLE_TEXT,
                                  published_on=records.Date(year=2026, month=3, day=3))
        dry = istub.IngestArticle(ingest_pb.IngestArticleRequest(article=article, validate_only=True),
                                  timeout=RPC_TIMEOUT_S)
        check_eq(dry.sequence, 0, "IngestArticle(validate_only) sequence")
        check_eq(len(dry.extraction.plans), 1, "IngestArticle(validate_only) extracted plans")

        # --- ingest
        r = istub.IngestArticle(ingest_pb.IngestArticleRequest(article=article), timeout=RPC_TIMEOUT_S)
        check_eq(r.article_id, ARTICLE_ID, "IngestArticle article_id")
        check_eq(r.name, f"articles/{ARTICLE_ID}", "IngestArticle name")
        check_eq(r.already_present, False, "IngestArticle already_present")
        check(r.sequence > 0, f"IngestArticle sequence > 0 ({r.sequence})")
        seq = r.sequence
        ex = r.extraction
        check_eq(sorted(o.name for o in ex.officials), [QUANG, SOKHA], "extraction officials")
        check_eq([p.name for p in ex.plans], [PLAN], "extraction plans")
        check_eq(len(ex.checkpoints), 0, "extraction checkpoints")
        check_eq((ex.article_date.year, ex.article_date.month, ex.article_date.day), (2026, 3, 3),
                 "extraction article_date")

        again = istub.IngestArticle(ingest_pb.IngestArticleRequest(article=article), timeout=RPC_TIMEOUT_S)
        check_eq((again.article_id, again.already_present), (ARTICLE_ID, True), "re-ingest (article_id, already_present)")

        # --- read your write from the replica: min_sequence
        q = qstub.GetOfficial(query_pb.GetOfficialRequest(name=QUANG, min_sequence=seq), timeout=RPC_TIMEOUT_S)
        check_eq(q.name, QUANG, "GetOfficial name")
        check_eq(q.display_name, "Luong Tam Quang", "GetOfficial display_name")
        check_eq(q.country_code, "VN", "GetOfficial country_code")
        check_eq(q.rank, "General", "GetOfficial rank")
        check_eq([(x.title, x.organization, x.country_code) for x in q.roles],
                 [("Minister of Public Security", "Ministry of Public Security", "VN")], "GetOfficial roles")
        check_eq((q.roles[0].first_seen.year, q.roles[0].first_seen.month, q.roles[0].first_seen.day), (2026, 3, 3),
                 "GetOfficial roles[0].first_seen")
        check_eq(list(q.article_ids), [ARTICLE_ID], "GetOfficial article_ids")
        check(abs(q.confidence - 0.95) < 1e-6, f"GetOfficial confidence 0.95 ({q.confidence:.3f})")
        text_bytes = ARTICLE_TEXT.encode("utf-8")
        check(len(q.evidence) > 0 and all(text_bytes[e.start:e.end].decode("utf-8") == e.sentence
                                          and e.article_id == ARTICLE_ID for e in q.evidence),
              f"GetOfficial evidence: {len(q.evidence)} item(s), text[start:end] == sentence (UTF-8 bytes)",
              [(e.start, e.end, e.sentence[:40]) for e in q.evidence])
        # The proto3 JSON names the scorer reads.
        qj = json_format.MessageToDict(q)
        check("displayName" in qj and "countryCode" in qj and "title" in qj["roles"][0],
              "GetOfficial proto3 JSON has displayName, countryCode, roles[].title", sorted(qj))

        s = qstub.GetOfficial(query_pb.GetOfficialRequest(name=SOKHA, min_sequence=seq), timeout=RPC_TIMEOUT_S)
        check_eq((s.display_name, s.country_code), ("Sar Sokha", "KH"), "GetOfficial(sar-sokha) (display_name, country_code)")
        check_eq(sorted(x.title for x in s.roles), ["Deputy Prime Minister", "Minister of Interior"],
                 "GetOfficial(sar-sokha) role titles")

        lo = qstub.ListOfficials(query_pb.ListOfficialsRequest(name_query="luong", min_sequence=seq),
                                 timeout=RPC_TIMEOUT_S)
        check_eq([o.name for o in lo.officials], [QUANG], "ListOfficials(name_query=luong)")

        lp = qstub.ListCooperationPlans(query_pb.ListCooperationPlansRequest(signatory="sar sokha", min_sequence=seq),
                                        timeout=RPC_TIMEOUT_S)
        check_eq([p.name for p in lp.plans], [PLAN], "ListCooperationPlans(signatory='sar sokha')")
        check_eq(lp.next_page_token, "", "ListCooperationPlans next_page_token (last page)")
        p = lp.plans[0]
        check_eq(p.title, "2026 security cooperation plan", "plan title")
        check_eq(p.kind, records.PLAN_KIND_SECURITY, "plan kind (PLAN_KIND_SECURITY)")
        check_eq((p.year, p.start_year, p.end_year), (2026, 0, 0), "plan (year, start_year, end_year)")
        check_eq([(x.country_code, x.organization) for x in p.parties],
                 [("KH", "Ministry of Interior"), ("VN", "Ministry of Public Security")], "plan parties")
        check_eq([(x.official_id, x.display_name) for x in p.signatories],
                 [("sar-sokha", "Sar Sokha"), ("luong-tam-quang", "Luong Tam Quang")], "plan signatories")
        check_eq((p.signed_on.year, p.signed_on.month, p.signed_on.day), (2026, 3, 2), "plan signed_on")
        check_eq([records.FocusArea.Name(a) for a in p.focus_areas],
                 ["FOCUS_AREA_DRUG_TRAFFICKING", "FOCUS_AREA_ONLINE_FRAUD", "FOCUS_AREA_INTELLIGENCE_SHARING"],
                 "plan focus_areas")
        check_eq(list(p.article_ids), [ARTICLE_ID], "plan article_ids")

        lp2 = qstub.ListCooperationPlans(query_pb.ListCooperationPlansRequest(
            country_code="vn", year_from=2026, year_to=2026, kind=records.PLAN_KIND_SECURITY,
            focus_area=records.FOCUS_AREA_ONLINE_FRAUD, min_sequence=seq), timeout=RPC_TIMEOUT_S)
        check_eq([x.name for x in lp2.plans], [PLAN], "ListCooperationPlans(country_code=vn, 2026, SECURITY, ONLINE_FRAUD)")
        lp3 = qstub.ListCooperationPlans(query_pb.ListCooperationPlansRequest(
            kind=records.PLAN_KIND_DEFENCE, min_sequence=seq), timeout=RPC_TIMEOUT_S)
        check_eq(len(lp3.plans), 0, "ListCooperationPlans(kind=DEFENCE) count")

        for supported in (PLAN, QUANG, SOKHA):
            la = qstub.ListArticles(query_pb.ListArticlesRequest(supports=supported, min_sequence=seq),
                                    timeout=RPC_TIMEOUT_S)
            check_eq([a.name for a in la.articles], [f"articles/{ARTICLE_ID}"], f"ListArticles(supports={supported})")
        a = la.articles[0]
        check_eq((a.url, a.title, a.source), (ARTICLE_URL, article.title, article.source), "article (url, title, source)")
        check_eq((a.published_on.year, a.published_on.month, a.published_on.day), (2026, 3, 3), "article published_on")
        check_eq(a.text, ARTICLE_TEXT, "article text (byte for byte)")
        check(a.ingest_time.seconds > 0, f"article ingest_time set ({a.ingest_time.ToJsonString()})")

        ga = qstub.GetArticle(ingest_pb.GetArticleRequest(name=f"articles/{ARTICLE_ID}", min_sequence=seq),
                              timeout=RPC_TIMEOUT_S)
        check_eq(ga.id, ARTICLE_ID, "QueryService.GetArticle id")
        gi = istub.GetArticle(ingest_pb.GetArticleRequest(name=f"articles/{ARTICLE_ID}"), timeout=RPC_TIMEOUT_S)
        check_eq(gi, ga, "IngestService.GetArticle == QueryService.GetArticle")

        # --- errors another team will meet
        expect_rpc_error(lambda: qstub.GetOfficial(query_pb.GetOfficialRequest(name="officials/nobody-here"),
                                                   timeout=RPC_TIMEOUT_S),
                         {grpc.StatusCode.NOT_FOUND}, "GetOfficial(officials/nobody-here)")
        expect_rpc_error(lambda: qstub.GetOfficial(query_pb.GetOfficialRequest(name="plans/x"), timeout=RPC_TIMEOUT_S),
                         {grpc.StatusCode.INVALID_ARGUMENT}, "GetOfficial(plans/x)")
        expect_rpc_error(lambda: qstub.ListArticles(query_pb.ListArticlesRequest(page_size=-1), timeout=RPC_TIMEOUT_S),
                         {grpc.StatusCode.INVALID_ARGUMENT}, "ListArticles(page_size=-1)")
        expect_rpc_error(lambda: istub.IngestArticle(ingest_pb.IngestArticleRequest(article=records.Article()),
                                                     timeout=RPC_TIMEOUT_S),
                         {grpc.StatusCode.INVALID_ARGUMENT}, "IngestArticle(no text)")
        # A sequence the replica has not reached: no stale answer, an error at the deadline.
        expect_rpc_error(lambda: qstub.GetOfficial(query_pb.GetOfficialRequest(name=QUANG, min_sequence=seq + 1000),
                                                   timeout=1),
                         {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED},
                         "GetOfficial(min_sequence=head+1000, 1 s deadline)")

        # --- delete: records left with no support go away on the replica too
        d = istub.DeleteArticle(ingest_pb.DeleteArticleRequest(name=f"articles/{ARTICLE_ID}"), timeout=RPC_TIMEOUT_S)
        check(d.sequence > seq, f"DeleteArticle sequence {d.sequence} > {seq}")
        for name, get in ((QUANG, lambda n, s: qstub.GetOfficial(query_pb.GetOfficialRequest(name=n, min_sequence=s),
                                                                    timeout=RPC_TIMEOUT_S)),
                          (PLAN, lambda n, s: qstub.GetCooperationPlan(
                              query_pb.GetCooperationPlanRequest(name=n, min_sequence=s), timeout=RPC_TIMEOUT_S))):
            expect_rpc_error(lambda: get(name, d.sequence), {grpc.StatusCode.NOT_FOUND},
                             f"after delete, {name} at min_sequence={d.sequence}")
        la = qstub.ListArticles(query_pb.ListArticlesRequest(min_sequence=d.sequence), timeout=RPC_TIMEOUT_S)
        check_eq(len(la.articles), 0, "after delete, ListArticles count")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ingest", required=True, help="accord-ingest binary")
    ap.add_argument("--query", required=True, help="accord-query binary")
    ap.add_argument("--proto_dir", required=True, help="folder holding accord/v1/*.proto")
    ap.add_argument("--keep_tmp", action="store_true", help="keep the temp dir (logs, stubs, data)")
    args = ap.parse_args()

    def on_alarm(signum, frame):
        raise Watchdog(f"still running after {WATCHDOG_S} s")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(WATCHDOG_S)  # the finally below still stops the servers
    tmp = tempfile.mkdtemp(prefix="accord-py-client-")
    servers = []
    ok = False
    try:
        gen = os.path.join(tmp, "gen")
        os.mkdir(gen)
        generate_stubs(args.proto_dir, gen)
        check(True, f"stubs generated from {args.proto_dir} with {shutil.which('protoc')} + {GRPC_PYTHON_PLUGIN}")
        ingest = Server("ingest", args.ingest, [], tmp)
        servers.append(ingest)
        ingest.wait_for_port()
        query = Server("query", args.query, [f"--ingest={ingest.address}"], tmp)
        servers.append(query)
        query.wait_for_port()
        check(True, f"started accord-ingest on {ingest.address}, accord-query on {query.address}")
        run(ingest, query)
        ok = True
    except (Exception, Watchdog) as e:  # noqa: BLE001 - reported below, then exit 1
        if not isinstance(e, AssertionError):  # a failed check has printed its FAIL line
            print(f"FAIL {type(e).__name__}: {e}", flush=True)
        traceback.print_exc()
        for s in servers:
            print(f"--- {s.name} log (tail) ---\n{s.log_tail()}", file=sys.stderr)
    finally:
        signal.alarm(0)
        for s in reversed(servers):  # query first: it follows ingest
            code = s.stop()
            try:
                check_eq(code, 0, f"accord-{s.name} exit status after SIGTERM")
            except AssertionError:
                ok = False
                print(f"--- {s.name} log (tail) ---\n{s.log_tail()}", file=sys.stderr)
        if ok and not args.keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"temp dir kept: {tmp}", flush=True)
    print(f"{'PASS' if ok else 'FAIL'}: {checks} checks", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
