#!/usr/bin/env bash
# accord-health-probe against a real accord-ingest on port 0: SERVING -> exit 0;
# against a port nobody listens on -> exit 1; unknown service -> exit 1.
# Usage: test_health_probe.sh PROBE INGEST_BINARY
set -euo pipefail
probe=$1 ingest=$2
tmp=$(mktemp -d /tmp/accord-probe.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$ingest" --listen=127.0.0.1:0 --data_dir="$tmp/data" --port_file="$tmp/port" 2>"$tmp/ingest.log" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || { cat "$tmp/ingest.log" >&2; fail "accord-ingest wrote no port file in 10 s"; }
port=$(cat "$tmp/port")

out=$("$probe" --addr="127.0.0.1:$port" --timeout=5s) || fail "probe of a serving accord-ingest exited $?: $out"
echo "$out"; grep -q "SERVING" <<<"$out" || fail "no SERVING in: $out"

out=$("$probe" --addr="127.0.0.1:$port" --service=accord.v1.IngestService --timeout=5s) ||
  fail "probe of accord.v1.IngestService exited $?: $out"
echo "$out"

# The default address comes from ACCORD_LISTEN (a wildcard host means 127.0.0.1).
out=$(ACCORD_LISTEN="0.0.0.0:$port" "$probe" --timeout=5s) || fail "probe via ACCORD_LISTEN exited $?: $out"
echo "$out"

set +e
out=$("$probe" --addr="127.0.0.1:$port" --service=no.such.Service --timeout=5s); rc=$?
set -e
echo "$out"; [ "$rc" -eq 1 ] || fail "unknown service: exit $rc, want 1"

kill "$pid"; wait "$pid" || fail "accord-ingest exited $? on SIGTERM"; pid=""
set +e
start=$(date +%s%N)
out=$("$probe" --addr="127.0.0.1:$port" --timeout=1s); rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
set -e
echo "$out (${ms} ms)"; [ "$rc" -eq 1 ] || fail "dead port: exit $rc, want 1"
[ "$ms" -lt 5000 ] || fail "dead port took ${ms} ms with --timeout=1s"
echo "PASS"
