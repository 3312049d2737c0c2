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
  # Counted from the test cases themselves: Surefire's per-suite totals miss the jqwik
  # properties' neighbours when one class mixes jqwik and Jupiter tests (11 cases, "tests=3").
  xml=$(cat "$dir"/TEST-*.xml 2>/dev/null)
  count() { grep -o "$1" <<<"$xml" | wc -l; }
  counts=$(printf '%6d %5d %6d %5d' "$(count '<testcase ')" "$(count '<failure[ >]')" "$(count '<error[ >]')" \
    "$(count '<skipped[ />]')")
  width=$(grep -ho 'test fork [^<]*' "$dir"/TEST-*VectorWidthTest.xml 2>/dev/null | head -1 | sed -E 's/test fork +[^ ]+ +//')
  printf '%-28s %s  %s\n' "$name" "$counts" "${width:--}"
done
[ -n "$started" ] && echo "test time: $(( $(date +%s) - started )) s"
exit 0
