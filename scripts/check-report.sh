#!/usr/bin/env bash
# Checks a report in a real browser: headless Chromium (Debian's package, installed here when
# missing) opens DIR/index.html; every image must load and the result tables be present.
# usage: scripts/check-report.sh DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -eq 1 ] || { echo "usage: scripts/check-report.sh REPORT_DIR" >&2; exit 2; }
CHROMIUM="$(command -v chromium || true)"
if [ -z "$CHROMIUM" ]; then
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || { echo "check-report: chromium is not installed (Debian: apt-get install chromium)" >&2; exit 1; }
  echo "check-report: installing Debian's chromium ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
  CHROMIUM="$(command -v chromium)"
fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "check-report: Node.js and npm are needed" >&2; exit 1; }
if [ ! -d "$HERE/report-check/node_modules/playwright-core" ]; then
  (cd "$HERE/report-check" && npm install --no-package-lock --no-audit --no-fund --silent >/dev/null)
fi
node "$HERE/report-check/check.mjs" "$1" "$CHROMIUM"
