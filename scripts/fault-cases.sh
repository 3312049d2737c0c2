#!/usr/bin/env bash
# Repeats every fault case of the fault-handling issue and prints, per case, the exit code, the
# number of stderr lines, whether a stack trace leaked, and the first line of stderr.
#   scripts/fault-cases.sh [--full]      (--full also prints the whole of stderr per case)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
full=0; [ "${1:-}" = "--full" ] && full=1
work="$(mktemp -d /tmp/densebench-faults.XXXXXX)"
trap 'rm -rf "$work"' EXIT
data="$ROOT/data"
[ -d "$data/mnist" ] || "$ROOT/scripts/fetch-data.sh" >/dev/null
J() { "$ROOT/run-bench.sh" "$@"; }

# A damaged copy of MNIST (or breast cancer) per case, in its own data folder.
mnist_with() {  # name, file to damage, python that rewrites bytes b -> b
  local d="$work/$1"; mkdir -p "$d/mnist"
  for f in "$data"/mnist/*-ubyte; do ln -sf "$f" "$d/mnist/"; done
  rm -f "$d/mnist/$2"
  python3 -c "import sys; b=open(sys.argv[1],'rb').read(); $3; open(sys.argv[2],'wb').write(b)" "$data/mnist/$2" "$d/mnist/$2"
  echo "$d"
}
bc_with() {  # name, python that rewrites the text t -> t
  local d="$work/$1"; mkdir -p "$d/breast-cancer"
  python3 -c "import sys; t=open(sys.argv[1]).read(); $2; open(sys.argv[2],'w').write(t)" "$data/breast-cancer/breast_cancer.csv" "$d/breast-cancer/breast_cancer.csv"
  echo "$d"
}

printf '%-44s %4s %6s %6s  %s\n' "case" "exit" "lines" "trace" "stderr (its last line; --full for all)"
run_case() {  # label, command...
  local label="$1"; shift
  "$@" > "$work/out" 2> "$work/err" < /dev/null
  local code=$?
  grep -v -e '^WARNING: Using incubator modules' -e '^data: ' -e '^loading ' -e '^densebench: vector kernels' "$work/err" > "$work/err2"
  local lines trace first
  lines=$(wc -l < "$work/err2"); trace=$(grep -c 'at dev.densebench\|at java\.' "$work/err2")
  first=$(tail -n 1 "$work/err2" | cut -c1-150)
  printf '%-44s %4s %6s %6s  %s\n' "$label" "$code" "$lines" "$trace" "$first"
  [ "$full" = 1 ] && sed 's/^/      | /' "$work/err2"
}
T=(train --epochs 1)
run_case "idx: truncated images"       J "${T[@]}" --data-dir "$(mnist_with trunc train-images-idx3-ubyte 'b=b[:1000]')"
run_case "idx: wrong magic"            J "${T[@]}" --data-dir "$(mnist_with magic train-images-idx3-ubyte 'b=b"\x00\x00\x09\x03"+b[4:]')"
run_case "idx: huge count"             J "${T[@]}" --data-dir "$(mnist_with count train-images-idx3-ubyte 'b=b[:4]+b"\x7f\xff\xff\xff"+b[8:]')"
run_case "idx: huge dimensions"        J "${T[@]}" --data-dir "$(mnist_with dims train-images-idx3-ubyte 'b=b[:8]+b"\x7f\xff\xff\xff\x7f\xff\xff\xff"+b[16:]')"
run_case "idx: label count differs"    J "${T[@]}" --data-dir "$(mnist_with lcount train-labels-idx1-ubyte 'b=b[:4]+(59999).to_bytes(4,"big")+b[8:-1]')"
run_case "idx: label out of range"     J "${T[@]}" --data-dir "$(mnist_with lrange train-labels-idx1-ubyte 'b=b[:8]+b"\x0b"+b[9:]')"
run_case "idx: empty file"             J "${T[@]}" --data-dir "$(mnist_with empty train-images-idx3-ubyte 'b=b""')"
run_case "idx: header only"            J "${T[@]}" --data-dir "$(mnist_with header train-images-idx3-ubyte 'b=b[:16]')"
run_case "idx: negative count"         J "${T[@]}" --data-dir "$(mnist_with neg train-images-idx3-ubyte 'b=b[:4]+b"\xff\xff\xff\xfe"+b[8:]')"
d="$work/gz"; mkdir -p "$d/mnist"; for f in "$data"/mnist/*-ubyte; do ln -sf "$f" "$d/mnist/"; done; rm "$d/mnist/train-images-idx3-ubyte"
gzip -c "$data/mnist/train-images-idx3-ubyte" | head -c 200000 > "$d/mnist/train-images-idx3-ubyte.gz"
run_case "idx: broken gzip"            J "${T[@]}" --data-dir "$d"
B=(train --dataset breast-cancer --epochs 1)
run_case "csv: a word"                 J "${B[@]}" --data-dir "$(bc_with word 'l=t.split("\n"); l[5]=l[5].replace(l[5].split(",")[3],"abc",1); t="\n".join(l)')"
run_case "csv: a short row"            J "${B[@]}" --data-dir "$(bc_with short 'l=t.split("\n"); l[5]=",".join(l[5].split(",")[:10]); t="\n".join(l)')"
run_case "csv: label 2"                J "${B[@]}" --data-dir "$(bc_with label 'l=t.split("\n"); l[5]=l[5][:l[5].rindex(",")]+",2"; t="\n".join(l)')"
run_case "csv: NaN"                    J "${B[@]}" --data-dir "$(bc_with nan 'l=t.split("\n"); l[5]="NaN"+l[5][l[5].index(","):]; t="\n".join(l)')"
run_case "csv: a lying header"         J "${B[@]}" --data-dir "$(bc_with lying 't="9999"+t[t.index(","):]')"
run_case "csv: empty file"             J "${B[@]}" --data-dir "$(bc_with emptycsv 't=""')"
run_case "--data-dir /nonexistent"     J "${T[@]}" --data-dir /nonexistent
run_case "--optimizer adamx"           J "${T[@]}" --optimizer adamx
run_case "--lr -1"                     J "${T[@]}" --lr -1
run_case "--layers 0"                  J "${T[@]}" --layers 0
run_case "--batch 0"                   J "${T[@]}" --batch 0
run_case "--dataset foo"               J "${T[@]}" --dataset foo
run_case "--out /proc/run.json"        J "${B[@]}" --out /proc/run.json
touch "$work/afile"
run_case "--out under a file"          J "${B[@]}" --out "$work/afile/run.json"
run_case "--threads 1000"              J "${B[@]}" --threads 1000
run_case "--layers 100000,100000"      J "${T[@]}" --layers 100000,100000
run_case "--lr 1000 (scalar), exit 3"  J train --dataset mnist --optimizer sgd --lr 1000 --epochs 2 --kernels scalar --out "$work/div.json"
run_case "breast cancer --validation 100000" J "${B[@]}" --validation 100000
mkdir -p "$work/norecords"
run_case "report on a folder without records" J report "$work/norecords"
run_case "quick --out-dir (no value)"  J quick --out-dir
run_case "full --out-dir FILE"         J full --out-dir "$work/afile"
run_case "train -V"                    J train -V
cat "$work/out"
run_case "save into a folder"          J "${B[@]}" --save "$work" --out "$work/r.json"
run_case "--resume of no checkpoint"   J train --resume "$work/norecords"
run_case "predict: row of wrong width" bash -c "echo 1,2,3 | '$ROOT/run-bench.sh' predict --model '$ROOT/bench/src/test/resources/dev/densebench/fuzz/ModelFileFuzzTestInputs/model/model' --input -"
run_case "evaluate: truncated model"   bash -c "head -c 100 '$ROOT/bench/src/test/resources/dev/densebench/fuzz/ModelFileFuzzTestInputs/model/model' > '$work/t.safetensors'; '$ROOT/run-bench.sh' evaluate --model '$work/t.safetensors'"
(umask 022; J "${B[@]}" --out "$work/mode.json" >/dev/null 2>&1)
echo "record mode under umask 022: $(stat -c %a "$work/mode.json")"
python3 -c "import json; print('diverged record status:', json.load(open('$work/div.json'))['result']['status'])"
