#!/usr/bin/env bash
# Runs Accord in containers with podman, the way that works on these machines
# (no Docker engine, no registry: debootstrap makes the base image; runc and
# explicit ulimits because crun cannot set up cgroups here).
#
#   deploy/podman.sh images   make debian:bookworm-slim locally if missing, build both images
#   deploy/podman.sh up       start accord-ingest and accord-query (host network, 127.0.0.1 only),
#                             a named volume each; waits until both are healthy
#   deploy/podman.sh health   run both containers' HEALTHCHECKs now and print their status
#   deploy/podman.sh down     SIGTERM both (query first), wait, print exit codes, remove the containers
#   deploy/podman.sh purge    down, then remove the volumes too
#
# Environment: ACCORD_NAME (default accord: containers NAME-ingest, NAME-query,
# volumes NAME-ingest-data, NAME-query-data), ACCORD_INGEST_PORT (50051),
# ACCORD_QUERY_PORT (50052), ACCORD_INGEST_IMAGE, ACCORD_QUERY_IMAGE.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NAME=${ACCORD_NAME:-accord}
INGEST_PORT=${ACCORD_INGEST_PORT:-50051}
QUERY_PORT=${ACCORD_QUERY_PORT:-50052}

health_status() { podman inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null || echo missing; }

# healthy CONTAINER: runs its HEALTHCHECK now (podman has no systemd timer to
# run it here) and succeeds when it reports healthy.
healthy() {
  podman healthcheck run "$1" >/dev/null 2>&1 || return 1
  [ "$(health_status "$1")" = healthy ]
}

cmd_images() {
  command -v podman >/dev/null || die "podman is not installed: bash deploy/install_container_tools.sh"
  ensure_base_image
  build_images
}

cmd_up() {
  images_exist || cmd_images
  podman volume exists "$NAME-ingest-data" || podman volume create "$NAME-ingest-data" >/dev/null
  podman volume exists "$NAME-query-data" || podman volume create "$NAME-query-data" >/dev/null
  log "starting $NAME-ingest on 127.0.0.1:$INGEST_PORT"
  "${PODMAN[@]}" run -d --name "$NAME-ingest" --network=host "${ULIMITS[@]}" \
    -v "$NAME-ingest-data:/data" -e ACCORD_LISTEN="127.0.0.1:$INGEST_PORT" \
    "$INGEST_IMAGE" >/dev/null
  wait_until 60 "$NAME-ingest to be healthy" healthy "$NAME-ingest"
  log "starting $NAME-query on 127.0.0.1:$QUERY_PORT following 127.0.0.1:$INGEST_PORT"
  "${PODMAN[@]}" run -d --name "$NAME-query" --network=host "${ULIMITS[@]}" \
    -v "$NAME-query-data:/data" -e ACCORD_LISTEN="127.0.0.1:$QUERY_PORT" \
    -e ACCORD_INGEST="127.0.0.1:$INGEST_PORT" "$QUERY_IMAGE" >/dev/null
  wait_until 120 "$NAME-query to catch up and be healthy" healthy "$NAME-query"
  cmd_health
}

cmd_health() {
  local c
  for c in "$NAME-ingest" "$NAME-query"; do
    podman healthcheck run "$c" >/dev/null 2>&1 || true
    echo "$c: $(health_status "$c")"
  done
}

# stop_one CONTAINER: SIGTERM, wait up to 30 s (then SIGKILL), print exit code and seconds taken.
stop_one() {
  local c=$1 start end code
  podman container exists "$c" || return 0
  start=$(date +%s%N)
  # The stop signal is SIGTERM; after 30 s podman sends SIGKILL (exit 137).
  timeout 60 podman stop -t 30 "$c" >/dev/null 2>&1 || { log "podman stop $c failed"; podman rm -f -t 0 "$c" >/dev/null; return 1; }
  end=$(date +%s%N)
  code=$(podman inspect -f '{{.State.ExitCode}}' "$c")
  echo "$c: exit $code after SIGTERM in $(( (end - start) / 1000000 )) ms"
  podman rm -f "$c" >/dev/null
  [ "$code" = 0 ]
}

cmd_down() {
  local rc=0
  stop_one "$NAME-query" || rc=1
  stop_one "$NAME-ingest" || rc=1
  return $rc
}

cmd_purge() {
  cmd_down || true
  podman volume rm -f "$NAME-ingest-data" "$NAME-query-data" >/dev/null 2>&1 || true
}

case "${1:-}" in
  images|up|health|down|purge) "cmd_$1" ;;
  *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
