#!/usr/bin/env bash
# Kills a training run with SIGKILL at random moments, resumes it each time, and checks that
# it ends with the weights (SHA-256 of the tensor data) and per-epoch figures of the same run
# left alone.
#   scripts/resume-check.sh [--threads N] [--kills K] [--epochs E] [--work DIR] [-- train options]
# Default run: MNIST, 6 epochs, Adam, dropout, shift+affine+elastic augmentation, cosine schedule.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads=1; kills=3; epochs=6; work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --kills) kills="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "resume-check.sh: unknown option '$1' (see the comment at the top)" >&2; exit 2 ;;
  esac
done
extra=("$@")
[ ${#extra[@]} -gt 0 ] || extra=(--dataset mnist --optimizer adam --dropout 0.2,0.2 --augment shift,affine,elastic --schedule cosine --warmup 1)
work="${work:-$(mktemp -d /tmp/densebench-resume.XXXXXX)}"
mkdir -p "$work"
run=("$ROOT/run-bench.sh" train "${extra[@]}" --epochs "$epochs" --threads "$threads")
tensor_sha() { /usr/bin/env python3 -c '
import json, struct, sys
f = open(sys.argv[1], "rb"); n = struct.unpack("<Q", f.read(8))[0]
print(json.loads(f.read(n))["__metadata__"]["tensorSha256"])' "$1"; }
figures() { /usr/bin/env python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
for e in r["epochs"]: print(e["epoch"], e["trainLoss"], e["trainAccuracy"], e["valLoss"], e["valAccuracy"], e["testLoss"], e["testAccuracy"])' "$1"; }

echo "uninterrupted run ($threads thread(s)) ..." >&2
t0=$(date +%s)
"${run[@]}" --out "$work/whole.json" --save "$work/whole.safetensors" > "$work/whole.log" 2>&1
whole_seconds=$(( $(date +%s) - t0 ))
echo "  $whole_seconds s" >&2

rm -rf "$work/ck"
"${run[@]}" --out "$work/resumed.json" --save "$work/resumed.safetensors" --checkpoint "$work/ck" > "$work/run-0.log" 2>&1 &
pid=$!
for ((k = 1; k <= kills; k++)); do
  # A random moment within this attempt's share of the run's length (at least 3 s, for the JVM
  # to start), so that all K kills land before the run could finish.
  share=$(( whole_seconds / kills > 2 ? whole_seconds / kills : 2 ))
  wait_s=$(( 3 + RANDOM % share ))
  sleep "$wait_s"
  if kill -0 "$pid" 2>/dev/null; then
    pkill -KILL -P "$pid" 2>/dev/null || true; kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    done_epochs=$(grep -c '^ *[0-9]\+ .* %' "$work/run-$((k - 1)).log" || true)
    echo "  kill $k after $wait_s s (epochs finished in that attempt: $done_epochs)" >&2
  else
    echo "  kill $k: the run had already finished" >&2
  fi
  if [ -d "$work/ck" ] && ls "$work/ck"/*.safetensors >/dev/null 2>&1; then
    "$ROOT/run-bench.sh" train --resume "$work/ck" --threads "$threads" > "$work/run-$k.log" 2>&1 &
  else
    rm -rf "$work/ck"   # killed before the first checkpoint: start again
    "${run[@]}" --out "$work/resumed.json" --save "$work/resumed.safetensors" --checkpoint "$work/ck" > "$work/run-$k.log" 2>&1 &
  fi
  pid=$!
done
wait "$pid" || { echo "resume-check.sh: the last attempt failed, see $work/run-$kills.log" >&2; exit 1; }

a="$(tensor_sha "$work/whole.safetensors")"; b="$(tensor_sha "$work/resumed.safetensors")"
echo "weights SHA-256  uninterrupted $a" >&2
echo "                 resumed       $b" >&2
if [ "$a" = "$b" ] && diff <(figures "$work/whole.json") <(figures "$work/resumed.json") >/dev/null; then
  echo "resume-check: OK, same weights and per-epoch figures ($threads thread(s), $kills kills; $work)"
else
  echo "resume-check: MISMATCH ($work)" >&2; diff <(figures "$work/whole.json") <(figures "$work/resumed.json") >&2 || true; exit 1
fi
