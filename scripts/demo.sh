#!/usr/bin/env bash
# The main job: build, start accord-ingest and accord-query on loopback with a
# fresh data dir, ingest the sample articles, show what the query service
# answers, stop both services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
BUILD_DIR="${ACCORD_BUILD_DIR:-build}"
ACCORD="$BUILD_DIR/cli/accord"
DATA_DIR="$BUILD_DIR/demo-data"
rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"

pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

# wait_for_port FILE PID LOG: the port a service wrote, once it listens.
wait_for_port() {
  for _ in $(seq 1 300); do
    [ -s "$1" ] && { cat "$1"; return 0; }
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2
  return 1
}

"$BUILD_DIR/ingest_service/accord-ingest" --listen=127.0.0.1:0 --data_dir="$DATA_DIR/ingest" \
  --port_file="$DATA_DIR/ingest.port" 2>"$DATA_DIR/ingest.log" &
pids+=($!)
INGEST_PORT=$(wait_for_port "$DATA_DIR/ingest.port" "${pids[0]}" "$DATA_DIR/ingest.log")
"$BUILD_DIR/query_service/accord-query" --listen=127.0.0.1:0 --data_dir="$DATA_DIR/query" \
  --ingest="127.0.0.1:$INGEST_PORT" --port_file="$DATA_DIR/query.port" 2>"$DATA_DIR/query.log" &
pids+=($!)
QUERY_PORT=$(wait_for_port "$DATA_DIR/query.port" "${pids[1]}" "$DATA_DIR/query.log")
echo "== accord-ingest on 127.0.0.1:$INGEST_PORT, accord-query on 127.0.0.1:$QUERY_PORT (data: $DATA_DIR)"

echo
echo "== ingesting samples/articles"
summary=$("$ACCORD" ingest --target="127.0.0.1:$INGEST_PORT" --verbose samples/articles)
echo "$summary"
SEQ=$(echo "$summary" | sed -n 's/.*last sequence \([0-9]*\).*/\1/p' | tail -n 1)

echo
echo "== ingesting them again: nothing new is stored"
"$ACCORD" ingest --target="127.0.0.1:$INGEST_PORT" samples/articles

# Prints selected fields of the JSON records on stdin, one line each.
show() { /usr/bin/python3 -c '
import json, sys
fields = sys.argv[1].split(",")
for line in sys.stdin:
    r = json.loads(line)
    out = []
    for f in fields:
        v = r.get(f)
        if isinstance(v, list):
            v = "; ".join(x.get("title") or x.get("displayName") or x.get("name") or x.get("countryCode") or str(x)
                          if isinstance(x, dict) else str(x) for x in v)
        elif isinstance(v, dict):
            v = "-".join(str(v.get(k, 0)) for k in ("year", "month", "day"))
        if v not in (None, ""):
            out.append("%s=%s" % (f, v))
    print("  " + "  ".join(out))
' "$1"; }

Q=(--query_target="127.0.0.1:$QUERY_PORT" --min_sequence="$SEQ")
echo
echo "== accord-query (read-your-writes at sequence $SEQ): officials"
"$ACCORD" list officials "${Q[@]}" | show displayName,countryCode,rank,roles
echo
echo "== cooperation plans, newest first"
"$ACCORD" list plans "${Q[@]}" | show id,title,signatories,witnesses,signedOn
echo
echo "== border checkpoints"
"$ACCORD" list checkpoints "${Q[@]}" | show displayName,type,status,sides
echo
echo "== Cambodian officials whose name starts with 'so'"
"$ACCORD" list officials "${Q[@]}" --filter='{"countryCode":"KH","nameQuery":"so"}' | show displayName,roles
