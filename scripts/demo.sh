#!/usr/bin/env bash
# The main job: build, start accord-ingest on loopback with a fresh data dir,
# ingest the sample articles, show what was extracted, stop the service.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
BUILD_DIR="${ACCORD_BUILD_DIR:-build}"

DATA_DIR="$BUILD_DIR/demo-data"
rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
"$BUILD_DIR/ingest_service/accord-ingest" --listen=127.0.0.1:0 --data_dir="$DATA_DIR/ingest" \
  --port_file="$DATA_DIR/ingest.port" 2>"$DATA_DIR/ingest.log" &
INGEST_PID=$!
trap 'kill -TERM $INGEST_PID 2>/dev/null || true; wait $INGEST_PID 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  [ -s "$DATA_DIR/ingest.port" ] && break
  kill -0 $INGEST_PID 2>/dev/null || { cat "$DATA_DIR/ingest.log"; exit 1; }
  sleep 0.1
done
PORT=$(cat "$DATA_DIR/ingest.port")
echo "== accord-ingest serving on 127.0.0.1:$PORT (data: $DATA_DIR/ingest)"

echo "== ingesting samples/articles"
"$BUILD_DIR/cli/accord" ingest --target="127.0.0.1:$PORT" --verbose samples/articles

echo "== ingesting them again (nothing new is stored)"
"$BUILD_DIR/cli/accord" ingest --target="127.0.0.1:$PORT" samples/articles

echo "== one extraction in full (accord extract, offline)"
first=$(ls samples/articles | head -n 1)
"$BUILD_DIR/cli/accord" extract "samples/articles/$first" | /usr/bin/python3 -m json.tool | head -n 60
