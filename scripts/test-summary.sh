#!/usr/bin/env bash
# Prints one line per Surefire fork of the last test run (the CPU's own width and each vector-width
# fork): tests, failures, errors, skipped, and the width and tile the fork ran.
# Usage: scripts/test-summary.sh ROOT [STARTED_EPOCH_SECONDS]
set -uo pipefail
root="$1"; started="${2:-}"
printf '%-28s %6s %5s %6s %5s  %s\n' "test fork" tests fail error skip "vector kernels"
for dir in "$root"/engine/target/surefire-reports* "$root"/bench/target/surefire-reports; do
  [ -d "$dir" ] || continue
  fork=$(basename "$dir" | sed 's/^surefire-reports-\{0,1\}//')
  name="$(basename "$(dirname "$(dirname "$dir")")") ${fork:-native width}"
  counts=$(for f in "$dir"/TEST-*.xml; do grep -o '<testsuite [^>]*' "$f" | head -1; done |
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
             if (kv[1] == "tests") t += kv[2]; if (kv[1] == "failures") f += kv[2];
             if (kv[1] == "errors") e += kv[2]; if (kv[1] == "skipped") s += kv[2] } }
           END { printf "%6d %5d %6d %5d", t, f, e, s }')
  width=$(grep -ho 'test fork [^<]*' "$dir"/TEST-*VectorWidthTest.xml 2>/dev/null | head -1 | sed -E 's/test fork +[^ ]+ +//')
  printf '%-28s %s  %s\n' "$name" "$counts" "${width:--}"
done
[ -n "$started" ] && echo "test time: $(( $(date +%s) - started )) s"
exit 0
