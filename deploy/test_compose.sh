#!/usr/bin/env bash
# deploy/compose.yaml for real with podman-compose: up, wait until both
# services are healthy, ingest a sample article through the compose ingest
# service (published on 127.0.0.1), read its records back through the compose
# query service (which follows the ingest service by its service name), stop
# with SIGTERM and check both exit 0, then down with the volumes.
# Exit 0 on success; 0 with "SKIPPED: reason" when podman cannot run here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

require_podman
command -v podman-compose >/dev/null 2>&1 ||
  skip "podman-compose is not installed (bash deploy/install_container_tools.sh)"
images_exist || build_images

PROJECT="accordtest$$"
export ACCORD_INGEST_IMAGE="$INGEST_IMAGE" ACCORD_QUERY_IMAGE="$QUERY_IMAGE"
export ACCORD_INGEST_PORT ACCORD_QUERY_PORT
ACCORD_INGEST_PORT=$(free_port)
ACCORD_QUERY_PORT=$(free_port)
while [ "$ACCORD_QUERY_PORT" = "$ACCORD_INGEST_PORT" ]; do ACCORD_QUERY_PORT=$(free_port); done
COMPOSE=(podman-compose -p "$PROJECT" -f "$DEPLOY_DIR/compose.yaml")
SAMPLES="$REPO_DIR/samples/articles"
MAX_STOP_MS=${ACCORD_MAX_STOP_MS:-10000}

container_of() {
  podman ps -a --filter "label=io.podman.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$1" --format '{{.Names}}' | head -n 1
}
cleanup() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    for s in ingest query; do
      c=$(container_of "$s" 2>/dev/null || true)
      [ -n "$c" ] && { echo "--- logs of $c" >&2; podman logs --tail 30 "$c" >&2 || true; }
    done
  fi
  timeout 120 "${COMPOSE[@]}" down -v -t 5 >/dev/null 2>&1 || true
  # Whatever podman-compose left: containers, volumes and the network of this project only.
  podman ps -aq --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman rm -f -t 0 >/dev/null 2>&1 || true
  podman volume ls -q --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
  podman network rm -f "${PROJECT}_default" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

healthy() {
  podman healthcheck run "$1" >/dev/null 2>&1 || return 1
  [ "$(podman inspect -f '{{.State.Health.Status}}' "$1")" = healthy ]
}
cli() {
  "${PODMAN[@]}" run --rm --no-healthcheck --network=host "${ULIMITS[@]}" -v "$SAMPLES:/samples:ro" \
    --entrypoint /usr/local/bin/accord "$INGEST_IMAGE" "$@"
}

start=$(date +%s)
out=$(timeout 180 "${COMPOSE[@]}" up -d 2>&1) || { echo "$out" >&2; die "podman-compose up failed"; }
ingest=$(container_of ingest) query=$(container_of query)
[ -n "$ingest" ] && [ -n "$query" ] || { echo "$out" >&2; die "compose did not create both containers"; }
wait_until 90 "compose ingest service to be healthy" healthy "$ingest"
wait_until 120 "compose query service to be healthy" healthy "$query"
log "compose up and healthy in $(( $(date +%s) - start )) s ($ingest, $query)"

article=04_checkpoints_opening.txt
out=$(cli ingest --target "127.0.0.1:$ACCORD_INGEST_PORT" "/samples/$article") || die "accord ingest failed: $out"
echo "$out"
seq=$(sed -n 's/.*last sequence \([0-9][0-9]*\).*/\1/p' <<<"$out")
grep -q "^ingested 1," <<<"$out" && [ -n "$seq" ] && [ "$seq" -gt 0 ] || die "unexpected ingest summary: $out"
out=$(cli list articles --query_target "127.0.0.1:$ACCORD_QUERY_PORT" --min_sequence "$seq" --timeout 30s) ||
  die "accord list articles through compose failed"
[ "$(grep -c '"name"' <<<"$out")" = 1 ] || die "want 1 article, got: $out"
out=$(cli list checkpoints --query_target "127.0.0.1:$ACCORD_QUERY_PORT" --min_sequence "$seq" --timeout 30s) ||
  die "accord list checkpoints through compose failed"
n=$(grep -c '"name"' <<<"$out" || true)
echo "checkpoints from the compose query service: $n"
[ "$n" -gt 0 ] || die "no checkpoints from $article"

# SIGTERM each (query first), as `compose stop` does (a stop, not a kill, so
# the restart policy leaves them stopped); both must exit 0 quickly.
for c in "$query" "$ingest"; do
  t0=$(date +%s%N)
  # podman stop sends the stop signal (SIGTERM) and SIGKILLs after 30 s (exit 137).
  timeout 60 podman stop -t 30 "$c" >/dev/null || die "podman stop $c failed"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  code=$(podman inspect -f '{{.State.ExitCode}}' "$c")
  echo "$c: exit $code after SIGTERM in $ms ms"
  [ "$code" = 0 ] || die "$c exited $code"
  [ "$ms" -le "$MAX_STOP_MS" ] || die "$c took $ms ms to stop"
done
out=$(timeout 120 "${COMPOSE[@]}" down -v -t 5 2>&1) || { echo "$out" >&2; die "podman-compose down failed"; }
[ -z "$(podman ps -aq --filter "label=io.podman.compose.project=$PROJECT")" ] || die "containers left after down"
echo "PASS: compose"
