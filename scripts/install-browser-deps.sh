#!/usr/bin/env bash
# Install what lgsite's browser gates need (tests/browser), idempotently:
#   - Debian's Chromium and Liberation fonts   (apt-get, only if /usr/bin/chromium is missing)
#   - Java 8+ for the Nu HTML Checker          (apt-get default-jre-headless, only if missing)
#   - axe-core and vnu-jar, pinned             (npm ci --prefix tests/browser, only if missing or stale)
#   - with --lighthouse: Lighthouse 12.2.3     (npm ci --prefix tests/browser/lighthouse, for `make audit`)
#
# Python Playwright comes from pip (the project's test extras). Never run
# `playwright install`: no browser download works here; Debian's Chromium is used.
#
# Usage: scripts/install-browser-deps.sh [--lighthouse]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROWSER_DIR="$ROOT/tests/browser"
LIGHTHOUSE=0
for arg in "$@"; do
  case "$arg" in
    --lighthouse) LIGHTHOUSE=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install-browser-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf 'install-browser-deps: %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get not found: install $* by hand" >&2
    return 1
  fi
  if [ "$APT_UPDATED" -eq 0 ]; then
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

# --- Chromium + fonts -------------------------------------------------------
need_pkgs=()
if [ ! -x /usr/bin/chromium ]; then need_pkgs+=(chromium); fi
if ! dpkg -s fonts-liberation >/dev/null 2>&1; then need_pkgs+=(fonts-liberation); fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  say "installing ${need_pkgs[*]}"
  apt_install "${need_pkgs[@]}"
else
  say "chromium and fonts-liberation present"
fi

# --- Java 8+ ----------------------------------------------------------------
java_major() {
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2/p' | head -n1 |
    awk '{ if ($1 == 1) print $2; else print $1 }'
}
major="$(java_major)"
if [ -z "$major" ] || [ "$major" -lt 8 ]; then
  say "installing default-jre-headless (java: ${major:-none})"
  apt_install default-jre-headless
  major="$(java_major)"
fi
say "java $major"

# --- npm packages -----------------------------------------------------------
# npm ci is re-run when node_modules is missing or was installed from another
# package-lock.json (its hash is kept in node_modules/.lgsite-lock.sha256).
# --ignore-scripts: vnu-jar's postinstall would try to download a JRE.
npm_ci() {
  local dir="$1" stamp lock_hash
  stamp="$dir/node_modules/.lgsite-lock.sha256"
  lock_hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -d "$dir/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
    say "${dir#"$ROOT"/}/node_modules up to date"
    return
  fi
  command -v npm >/dev/null 2>&1 || { say "npm not found: install Node.js 20+ (apt-get install nodejs npm)" >&2; exit 1; }
  say "npm ci in ${dir#"$ROOT"/}"
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error
  printf '%s\n' "$lock_hash" >"$stamp"
}
npm_ci "$BROWSER_DIR"
if [ "$LIGHTHOUSE" -eq 1 ]; then
  npm_ci "$BROWSER_DIR/lighthouse"
fi

# --- check ------------------------------------------------------------------
test -f "$BROWSER_DIR/node_modules/axe-core/axe.min.js" || { say "axe-core missing after npm ci" >&2; exit 1; }
test -f "$BROWSER_DIR/node_modules/vnu-jar/build/dist/vnu.jar" || { say "vnu.jar missing after npm ci" >&2; exit 1; }
/usr/bin/chromium --version 2>/dev/null | tail -n1 | sed 's/^/install-browser-deps: /' || true
say "done"
