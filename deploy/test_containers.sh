#!/usr/bin/env bash
# Both images for real: start accord-ingest and accord-query from them with a
# fresh volume each (host network, 127.0.0.1 ports only), ingest a sample
# article through the ingest container with the image's own `accord` CLI, read
# its records back from the query container, check both containers' health
# (HEALTHCHECK and accord-health-probe, in the container and from the host),
# check that an empty replica started before the ingest service is
# NOT_SERVING until it replays the feed, then SIGTERM all and check each exits 0 within a few seconds.
# Exit 0 on success; 0 with "SKIPPED: reason" when podman cannot run here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

require_podman
images_exist || build_images

export ACCORD_NAME="accord-test-$$"
export ACCORD_INGEST_PORT ACCORD_QUERY_PORT
ACCORD_INGEST_PORT=$(free_port)
ACCORD_QUERY_PORT=$(free_port)
while [ "$ACCORD_QUERY_PORT" = "$ACCORD_INGEST_PORT" ]; do ACCORD_QUERY_PORT=$(free_port); done
INGEST="$ACCORD_NAME-ingest" QUERY="$ACCORD_NAME-query"
SAMPLES="$REPO_DIR/samples/articles"
MAX_STOP_MS=${ACCORD_MAX_STOP_MS:-10000}

cleanup() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    for c in "$INGEST" "$QUERY" "${LATE:-}"; do
      [ -n "$c" ] && podman container exists "$c" && { echo "--- logs of $c" >&2; podman logs --tail 30 "$c" >&2 || true; }
    done
  fi
  podman rm -f -t 0 "$INGEST" "$QUERY" "$ACCORD_NAME-late" >/dev/null 2>&1 || true
  podman volume rm -f "$ACCORD_NAME-ingest-data" "$ACCORD_NAME-query-data" "$ACCORD_NAME-late-data" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

# accord CLI from the ingest image, on the host network, samples mounted read-only.
cli() {
  "${PODMAN[@]}" run --rm --no-healthcheck --network=host "${ULIMITS[@]}" -v "$SAMPLES:/samples:ro" \
    --entrypoint /usr/local/bin/accord "$INGEST_IMAGE" "$@"
}

# A second, empty replica started before the ingest service exists: it must
# report NOT_SERVING (unhealthy) until it can replay the feed and catch up.
LATE="$ACCORD_NAME-late" LATE_PORT=$(free_port)
"${PODMAN[@]}" run -d --name "$LATE" --network=host "${ULIMITS[@]}" -v "$ACCORD_NAME-late-data:/data" \
  -e ACCORD_LISTEN="127.0.0.1:$LATE_PORT" -e ACCORD_INGEST="127.0.0.1:$ACCORD_INGEST_PORT" "$QUERY_IMAGE" >/dev/null
sleep 2
set +e
out=$(podman exec "$LATE" /usr/local/bin/accord-health-probe); rc=$?
set -e
echo "replica without a feed: $out (exit $rc)"
[ "$rc" = 1 ] && grep -q NOT_SERVING <<<"$out" || die "a replica that has not caught up must be NOT_SERVING"
if podman healthcheck run "$LATE" >/dev/null 2>&1; then die "$LATE is healthy before it has a feed"; fi

start=$(date +%s)
bash "$DEPLOY_DIR/podman.sh" up   # waits for both to be healthy (bounded)
log "both containers healthy in $(( $(date +%s) - start )) s"

# Health: the HEALTHCHECK status, the probe inside each container, and from the host.
for c in "$INGEST" "$QUERY"; do
  status=$(podman inspect -f '{{.State.Health.Status}}' "$c")
  [ "$status" = healthy ] || die "$c health is '$status'"
  out=$(podman exec "$c" /usr/local/bin/accord-health-probe) || die "probe in $c: $out"
  echo "probe in $c: $out"
done
if [ -n "${ACCORD_HEALTH_PROBE:-}" ] && [ -x "$ACCORD_HEALTH_PROBE" ]; then
  "$ACCORD_HEALTH_PROBE" --addr="127.0.0.1:$ACCORD_INGEST_PORT" --service=accord.v1.IngestService
  "$ACCORD_HEALTH_PROBE" --addr="127.0.0.1:$ACCORD_QUERY_PORT" --service=accord.v1.QueryService
fi
set +e
out=$(podman exec "$INGEST" /usr/local/bin/accord-health-probe --service=no.such.Service); rc=$?
set -e
[ "$rc" = 1 ] || die "probe of an unknown service exited $rc: $out"

# Ingest one article through the ingest container; read its records from the query container.
article=01_security_plan_2026.json
out=$(cli ingest --target "127.0.0.1:$ACCORD_INGEST_PORT" "/samples/$article") || die "accord ingest failed: $out"
echo "$out"
seq=$(sed -n 's/.*last sequence \([0-9][0-9]*\).*/\1/p' <<<"$out")
grep -q "^ingested 1," <<<"$out" && [ -n "$seq" ] && [ "$seq" -gt 0 ] || die "unexpected ingest summary: $out"

articles=$(cli list articles --query_target "127.0.0.1:$ACCORD_QUERY_PORT" --min_sequence "$seq" --timeout 30s) ||
  die "accord list articles failed"
[ "$(grep -c '"name"' <<<"$articles")" = 1 ] || die "want 1 article from the query container, got: $articles"
name=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["name"])' <<<"$articles")
echo "query container has $name"
records=0
for kind in officials plans checkpoints; do
  out=$(cli list "$kind" --query_target "127.0.0.1:$ACCORD_QUERY_PORT" --min_sequence "$seq" --timeout 30s) ||
    die "accord list $kind failed"
  n=$(grep -c '"name"' <<<"$out" || true)
  echo "$kind: $n"
  records=$(( records + n ))
done
[ "$records" -gt 0 ] || die "the query container has no records from $article"
cli get "$name" --query_target "127.0.0.1:$ACCORD_QUERY_PORT" >/dev/null || die "accord get $name failed"
# The early replica reconnected, replayed the feed and serves the same article.
wait_until 60 "$LATE to catch up" podman healthcheck run "$LATE"
out=$(cli get "$name" --query_target "127.0.0.1:$LATE_PORT" --min_sequence "$seq" --timeout 30s) ||
  die "the replica started before the ingest service does not serve $name"
echo "replica started before the ingest service: caught up, serves $name"
t0=$(date +%s%N)
timeout 60 podman stop -t 30 "$LATE" >/dev/null || die "podman stop $LATE failed"
echo "$LATE: exit $(podman inspect -f '{{.State.ExitCode}}' "$LATE") after SIGTERM in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
[ "$(podman inspect -f '{{.State.ExitCode}}' "$LATE")" = 0 ] || die "$LATE did not exit 0 on SIGTERM"
# One log line per RPC reached the container logs.
# (Read the logs first: grep -q in a pipe would SIGPIPE podman logs under pipefail.)
ingest_log=$(podman logs "$INGEST" 2>&1) query_log=$(podman logs "$QUERY" 2>&1)
grep -q "rpc=/accord.v1.IngestService/IngestArticles status=OK" <<<"$ingest_log" || die "no RPC log line in $INGEST"
grep -q "rpc=/accord.v1.QueryService/ListArticles status=OK" <<<"$query_log" || die "no RPC log line in $QUERY"

# SIGTERM: both exit 0, quickly.
out=$(bash "$DEPLOY_DIR/podman.sh" down) || { echo "$out"; die "a container did not exit 0 on SIGTERM"; }
echo "$out"
while read -r c _ code _ _ _ ms _; do
  [ "$code" = 0 ] || die "$c exit $code"
  [ "$ms" -le "$MAX_STOP_MS" ] || die "$c took $ms ms to stop (limit $MAX_STOP_MS)"
done <<<"$out"
echo "PASS: containers"
