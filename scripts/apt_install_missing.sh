#!/usr/bin/env bash
# Installs the given Debian packages that are not installed yet, and nothing
# else: one dpkg-query for all of them, apt-get update and install only when
# something is missing. Every install script of the project goes through here.
# Usage: scripts/apt_install_missing.sh [--who NAME] PACKAGE...
set -euo pipefail

who="apt_install_missing"
if [ "${1:-}" = "--who" ]; then who="$2"; shift 2; fi
[ $# -gt 0 ] || exit 0

installed="$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '/ install ok installed$/ {print $1}' || true)"
missing=()
for p in "$@"; do
  if ! grep -qx "$p" <<<"$installed"; then missing+=("$p"); fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "$who: all $# packages present"
  exit 0
fi
echo "$who: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
