#!/usr/bin/env bash
# Sanitizer and fuzz step of CI. Builds only the unit tests and the libFuzzer
# targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer into
# build-sanitize/ (ACCORD_UNIT_TESTS_ONLY, ACCORD_FUZZ), runs the unit tests
# under the sanitizers, then fuzzes each target for a bounded time.
# Exits non-zero on a failing test, a crash, a timeout or a sanitizer report.
#
# Environment:
#   ACCORD_FUZZ_SECONDS      seconds per fuzz target (default 45; 0 skips fuzzing)
#   ACCORD_FUZZ_TARGETS      space-separated subset of targets (default: all)
#   ACCORD_SANITIZE_BUILD_DIR  build dir (default build-sanitize)
#   ACCORD_JOBS              build, ctest and fuzzing parallelism (default: nproc, at most 2)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR="${ACCORD_SANITIZE_BUILD_DIR:-build-sanitize}"
SECONDS_PER_TARGET="${ACCORD_FUZZ_SECONDS:-45}"
JOBS="${ACCORD_JOBS:-$(( $(nproc) < 2 ? $(nproc) : 2 ))}"
ALL_TARGETS="extractor_fuzz key_codec_fuzz page_token_fuzz ingest_request_fuzz query_request_fuzz"
TARGETS="${ACCORD_FUZZ_TARGETS:-$ALL_TARGETS}"

# halt_on_error/abort: the first report ends the process with a failure.
# detect_leaks: LeakSanitizer at exit (works here; Debian's libraries are not
# instrumented, which only means their own bugs go unseen).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:print_stacktrace=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

command -v clang++ >/dev/null || { echo "sanitize_and_fuzz: clang++ not found (scripts/install_deps.sh installs it)" >&2; exit 1; }

# ---- build ----
mkdir -p "$BUILD_DIR"
start=$(date +%s)
# -O1 with line tables: asserts stay on, stack traces have file:line, and it
# compiles much faster than -O2 -g.
if ! { cmake -S . -B "$BUILD_DIR" -G Ninja \
         -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
         -DACCORD_SANITIZE=ON -DACCORD_FUZZ=ON -DACCORD_UNIT_TESTS_ONLY=ON &&
       cmake --build "$BUILD_DIR" -j "$JOBS"; } >"$BUILD_DIR/build.log" 2>&1; then
  tail -n 60 "$BUILD_DIR/build.log"
  echo "sanitize_and_fuzz: build failed; full log: $BUILD_DIR/build.log" >&2
  exit 1
fi
echo "sanitize_and_fuzz: built in $(( $(date +%s) - start )) s ($BUILD_DIR)"

status=0

# ---- unit tests (and each fuzz target over its seeds) under ASan+UBSan ----
start=$(date +%s)
# Left out: ExtractorTest.OutputIsBoundedWhateverTheText extracts two 1 MiB
# texts, 2 s in the normal build but 100-200 s here: each RE2 match on those
# sentences allocates over 128 KiB, which ASan serves with a fresh mmap and
# munmap every time. The extractor under ASan is what extractor_fuzz covers.
if ! (cd "$BUILD_DIR" && ctest --output-on-failure --timeout 600 -j "$JOBS" \
        -E '^ExtractorTest\.OutputIsBoundedWhateverTheText$'); then
  echo "sanitize_and_fuzz: FAILED: unit tests under sanitizers" >&2
  status=1
fi
echo "sanitize_and_fuzz: unit tests under sanitizers took $(( $(date +%s) - start )) s"

# ---- bounded fuzzing ----
# One target per core at a time (libFuzzer itself runs one thread).
WORK="$BUILD_DIR/fuzz"
fuzz_one() {
  local target=$1
  local seeds="$ROOT/tests/fuzz/corpus/$target"
  local corpus="$WORK/corpus/$target"   # new inputs go here, never into the source tree
  local artifacts="$WORK/artifacts/$target/"
  local max_len=4096 dict=() rc=0
  mkdir -p "$corpus" "$artifacts"
  [[ "$target" == extractor_fuzz ]] && max_len=16384
  [[ -f "$ROOT/tests/fuzz/$target.dict" ]] && dict=(-dict="$ROOT/tests/fuzz/$target.dict")
  # -timeout: one input running this long is a failure (a superlinear path);
  # -rss_limit_mb: so is memory growth; -max_len bounds an input.
  TMPDIR="$WORK" "$BUILD_DIR/tests/fuzz/$target" "$corpus" "$seeds" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2560 -max_len="$max_len" "${dict[@]}" \
    -artifact_prefix="$artifacts" -print_final_stats=1 -close_fd_mask=1 >"$WORK/$target.log" 2>&1 || rc=$?
  echo "$rc" >"$WORK/$target.rc"
}
if [[ "$SECONDS_PER_TARGET" -gt 0 ]]; then
  mkdir -p "$WORK"
  running=0
  for target in $TARGETS; do
    rm -f "$WORK/$target.rc"
    fuzz_one "$target" &
    running=$((running + 1))
    if [[ $running -ge $JOBS ]]; then wait -n || true; running=$((running - 1)); fi
  done
  wait
  echo "sanitize_and_fuzz: fuzzing (${SECONDS_PER_TARGET} s per target, $JOBS at a time):"
  for target in $TARGETS; do
    log="$WORK/$target.log"
    rc=$(cat "$WORK/$target.rc" 2>/dev/null || echo "?")
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)
    if [[ "$rc" != 0 ]] || grep -q -E '^==[0-9]+==ERROR|runtime error:|FUZZ_CHECK' "$log"; then
      status=1
      echo "  $target: FAILED (exit $rc) after ${execs:-?} executions; log $log, input in $WORK/artifacts/$target/"
      grep -v -E '^#[0-9]+' "$log" | tail -n 60 | sed 's/^/    /' >&2
    else
      echo "  $target: ok, ${execs:-?} executions"
    fi
  done
fi

if [[ $status -ne 0 ]]; then
  echo "sanitize_and_fuzz: FAILED" >&2
fi
exit $status
