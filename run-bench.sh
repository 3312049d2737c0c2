#!/usr/bin/env bash
# densebench: the one entry point.
#   ./run-bench.sh data  [--data-dir DIR]     fetch and verify MNIST, Fashion-MNIST, breast cancer
#   ./run-bench.sh train [options]            train one network (fetches the data first; --help lists options)
#   ./run-bench.sh evaluate --model FILE      a saved model's loss, accuracy, confusion matrix, per-class F1
#   ./run-bench.sh predict --model FILE --input FILE|-   classes and probabilities as CSV
#   ./run-bench.sh export --model FILE --format onnx --out FILE   the model as an ONNX graph
#   ./run-bench.sh lr-search [options]        choose a learning rate on the validation split from a grid
#   ./run-bench.sh quick [--out-dir DIR]      the reduced ablation grid and its report (resumes DIR when given)
#   ./run-bench.sh full  [--out-dir DIR]      the whole ablation grid and its report (resumes DIR when given)
#   ./run-bench.sh report DIR [MORE...]       rebuild DIR/index.html from DIR/records and DIR/jmh alone (merging MORE into DIR)
#   ./run-bench.sh ablation --grid FILE --out-dir DIR [--shard I/N] [--dry-run]   any grid, or one shard of it
#   ./run-bench.sh slurm --grid FILE --tasks N --out-dir DIR [sbatch options]   the grid as a Slurm array + report job
#   ./run-bench.sh jmh REGEX [JMH options]    run JMH benchmarks (e.g. GemmBench -p shape=512x512x512)
#   ./run-bench.sh scaling [options]          sgemm on 1 vs N threads, alternated in one JVM (--help lists options)
#   ./run-bench.sh openblas [--coretype NAME] [options]   densebench's sgemm / OpenBLAS's, alternated in one JVM
#   ./run-bench.sh compare-build --baseline REV|JAR [options]   this build's sgemm / another build's, alternated
#   ./run-bench.sh peers [--threads N] [--coretype NAME] [--out-dir DIR] [--epochs N]
#                                             OpenBLAS sgemm and PyTorch's MNIST epoch on this machine (CSV),
#                                             and the openblas comparison
#   ./run-bench.sh fuzz TARGET [--minutes N]  fuzz a reader with Jazzer (TARGET e.g. IdxReaderFuzzTest#raw)
#   ./run-bench.sh test                       run the whole test suite (fetches data first)
# It finds a JDK >= 25 by itself (JAVA_HOME first, then the usual JVM folders) and rebuilds
# the runnable jar when any source is newer than it.
# Environment: DENSEBENCH_JVM_OPTS is appended to every JVM it starts (e.g. -XX:UseAVX=2 for the
# AVX2 path, -Ddensebench.vector.bits=128); DENSEBENCH_DEBUG=1 adds stack traces to errors.
set -euo pipefail
CALLER_DIR="$(pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
JAR="$ROOT/bench/target/densebench.jar"
# -XX:-TieredCompilation: C1 does not intrinsify the Vector API (every vector op allocates
# there), so the GEMM goes straight from the interpreter to C2; with G1 (the default) this cut
# the first MNIST epoch from 5.3-5.8 s (tiered, ParallelGC) to 2.7 s, later epochs unchanged.
# --enable-native-access: JLine (the progress bar's terminal width) loads a native library.
JVM_FLAGS=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:-TieredCompilation -Xms1g -Xmx4g)
# DENSEBENCH_JVM_OPTS is appended to every JVM started here (train, the ablation, JMH and its
# forks, the test forks), e.g. DENSEBENCH_JVM_OPTS=-XX:UseAVX=2 for the AVX2 path on an AVX-512
# CPU, -XX:MaxVectorSize=16 for 128-bit vectors, -Ddensebench.vector.bits=256.
read -r -a USER_JVM_OPTS <<< "${DENSEBENCH_JVM_OPTS:-}"
JVM_FLAGS+=("${USER_JVM_OPTS[@]}")

die() { echo "run-bench.sh: $*" >&2; exit 1; }
usage() { echo "run-bench.sh: $*" >&2; echo "see ./run-bench.sh help" >&2; exit 2; }  # a usage error

java_major() {  # prints the feature version of the java binary $1, or nothing
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'
}

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      local v; v="$(java_major "$home/bin/java")"
      if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then
        export JAVA_HOME="$home"; export PATH="$home/bin:$PATH"; return 0
      fi
    fi
  done
  die "no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm, /usr/local/lib/jvm, /opt). Install one (e.g. Temurin 25) and set JAVA_HOME to it."
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed: $2"; }

MVN_FLAGS=(-B -q -Dstyle.color=never)

build_if_stale() {
  need mvn "install Apache Maven 3.8+ (Debian: apt-get install maven)"
  if [ ! -f "$JAR" ] || [ -n "$(find pom.xml engine/pom.xml engine/src/main bench/pom.xml bench/src/main -newer "$JAR" -print -quit 2>/dev/null)" ]; then
    echo "building densebench (mvn package) ..." >&2
    mvn "${MVN_FLAGS[@]}" -DskipTests package >&2 || die "the build failed (see the Maven output above)"
  fi
}

# Prints the engine jar to compare against: the file $1 (as given: run_jar starts in the caller's
# folder), or the engine of git revision $1, built once in a temporary worktree into target/baselines/.
baseline_jar() {
  case "$1" in /*) [ -f "$1" ] && { echo "$1"; return; } ;; *) [ -f "$CALLER_DIR/$1" ] && { echo "$1"; return; } ;; esac
  local sha; sha="$(git -C "$ROOT" rev-parse --verify --quiet --short "$1^{commit}")" \
    || usage "compare-build: --baseline '$1' is neither a file nor a git revision"
  local jar="$ROOT/target/baselines/engine-$sha.jar"
  if [ ! -f "$jar" ]; then
    need mvn "install Apache Maven 3.8+ (Debian: apt-get install maven)"
    echo "building the engine of $sha into target/baselines/ (once) ..." >&2
    local tree; tree="$(mktemp -d /tmp/densebench-baseline.XXXXXX)"
    git -C "$ROOT" worktree add -q --detach "$tree" "$sha" >&2
    local built=0
    (cd "$tree" && mvn "${MVN_FLAGS[@]}" -DskipTests -pl engine package >&2) && built=1
    if [ $built = 1 ]; then
      mkdir -p "$ROOT/target/baselines"
      cp "$tree"/engine/target/densebench-engine-*.jar "$jar.tmp" && mv "$jar.tmp" "$jar"
    fi
    git -C "$ROOT" worktree remove --force "$tree"
    [ $built = 1 ] || die "building the engine of $sha failed (see above)"
  fi
  echo "$jar"
}

run_jar() { (cd "$CALLER_DIR" && java "${JVM_FLAGS[@]}" -Ddensebench.home="$ROOT" -jar "$JAR" "$@"); }

cmd="${1:-help}"; shift || true
case "$cmd" in
  data)
    exec "$ROOT/scripts/fetch-data.sh" "$@" ;;
  quick|full)
    out="$ROOT/reports/$cmd-$(date -u +%Y%m%d-%H%M%S)"
    # Resume: "./run-bench.sh quick --out-dir reports/quick-..." continues a killed run. The folder
    # is checked before anything is built, fetched or created.
    given=""
    args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
      if [ "${args[$i]}" = "--out-dir" ]; then
        given="${args[$((i + 1))]:-}"
        [ -n "$given" ] && [ "${given#-}" = "$given" ] || usage "$cmd: --out-dir needs a folder (the run's output, or a killed run's to resume)"
      fi
    done
    if [ -n "$given" ]; then
      [ -e "$given" ] && [ ! -d "$given" ] && usage "$cmd: --out-dir '$given' is a file; expected a folder"
      out="$given"; set -- "${args[@]}"
    else
      set -- "${args[@]}" --out-dir "$out"
    fi
    find_jdk; build_if_stale
    "$ROOT/scripts/fetch-data.sh" >&2
    mkdir -p "$out" 2>/dev/null || die "$cmd: cannot create --out-dir '$out'"
    echo "./run-bench.sh $cmd $*" > "$out/command.txt"
    run_jar ablation --grid "$ROOT/bench/src/main/resources/grids/$cmd.json" "$@"
    # The grid's "jmh" object lists the per-component JMH suites for the report (full: about 6
    # minutes); a resumed run keeps those done.
    suites="$(run_jar grid-jmh --grid "$ROOT/bench/src/main/resources/grids/$cmd.json")" || die "could not read the JMH suites of grids/$cmd.json"
    if [ -n "$suites" ]; then
      mkdir -p "$out/jmh"
      while IFS=$'\t' read -r name jmh_args; do
        [ -s "$out/jmh/$name.json" ] && continue
        read -r -a jmh_argv <<< "$jmh_args"
        (cd "$CALLER_DIR" && java "${JVM_FLAGS[@]}" -cp "$JAR" org.openjdk.jmh.Main "${jmh_argv[@]}" -f 1 -wi 2 -i 3 \
          -rf json -rff "$out/jmh/$name.json.tmp" >&2 < /dev/null) && mv "$out/jmh/$name.json.tmp" "$out/jmh/$name.json"
      done <<< "$suites"
    fi
    run_jar report "$out" ;;
  report)
    find_jdk; build_if_stale
    [ $# -ge 1 ] || usage "report needs the report folder: ./run-bench.sh report DIR [--jmh FILE] [--reference FILE]"
    run_jar report "$@" ;;
  ablation)
    # Any grid, whole or one shard of it: --grid FILE --out-dir DIR [--shard I/N] [--dry-run] [--threads N].
    find_jdk; build_if_stale
    case " $* " in *" --data-dir"*|*" -h "*|*" --help "*|*" --dry-run "*) ;; *) "$ROOT/scripts/fetch-data.sh" >&2 ;; esac
    run_jar ablation "$@" ;;
  slurm)
    # Submits the grid as a Slurm array of --tasks shards into one shared --out-dir, and the
    # report job after it (afterok). Other options go to both sbatch calls.
    grid=""; tasks=""; sout=""; sbatch_opts=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --grid) grid="${2:-}"; shift 2 || usage "slurm: --grid needs a file" ;;
        --tasks) tasks="${2:-}"; shift 2 || usage "slurm: --tasks needs a number" ;;
        --out-dir) sout="${2:-}"; shift 2 || usage "slurm: --out-dir needs a folder" ;;
        *) sbatch_opts+=("$1"); shift ;;
      esac
    done
    [ -n "$grid" ] && [ -f "$grid" ] || usage "slurm: --grid FILE is required and must be a file (e.g. bench/src/main/resources/grids/full.json)"
    [[ "$tasks" =~ ^[1-9][0-9]*$ ]] || usage "slurm: --tasks N is required, a whole number >= 1 (the array's size, one shard per task)"
    [ -n "$sout" ] || usage "slurm: --out-dir DIR is required (a folder every node of the cluster can write)"
    [ -e "$sout" ] && [ ! -d "$sout" ] && usage "slurm: --out-dir '$sout' is a file; expected a folder"
    need sbatch "Slurm's sbatch is not on the PATH (Debian: apt-get install slurm-client; scripts/slurm/selftest.sh starts a test cluster)"
    find_jdk; build_if_stale
    "$ROOT/scripts/fetch-data.sh" >&2   # once, here, not in every task
    grid="$(cd "$CALLER_DIR" && realpath "$grid")"
    mkdir -p "$(cd "$CALLER_DIR" && realpath -m "$sout")" || die "slurm: cannot create --out-dir '$sout'"
    sout="$(cd "$CALLER_DIR" && realpath "$sout")"
    echo "./run-bench.sh slurm --grid $grid --tasks $tasks --out-dir $sout ${sbatch_opts[*]}" > "$sout/command.txt"
    array_job="$(cd "$sout" && DENSEBENCH_ROOT="$ROOT" sbatch --parsable --array="0-$((tasks - 1))" --cpus-per-task=2 \
      --output="$sout/slurm-%A_%a.out" --export=ALL,DENSEBENCH_ROOT="$ROOT" "${sbatch_opts[@]}" \
      "$ROOT/scripts/slurm/ablation.sbatch" --grid "$grid" --out-dir "$sout")" || die "slurm: sbatch of the array failed"
    array_job="${array_job%%;*}"
    report_job="$(cd "$sout" && sbatch --parsable --dependency="afterok:$array_job" --output="$sout/slurm-report-%j.out" \
      --export=ALL,DENSEBENCH_ROOT="$ROOT" "${sbatch_opts[@]}" "$ROOT/scripts/slurm/report.sbatch" "$sout")" \
      || die "slurm: sbatch of the report job failed (the array $array_job is queued; scancel it or run ./run-bench.sh report $sout later)"
    report_job="${report_job%%;*}"
    echo "array job $array_job: $tasks task(s), one shard each, into $sout"
    echo "report job $report_job" ;;
  fuzz)
    # Real fuzzing of one target (a class, or Class#method) with Jazzer for --minutes (default 10);
    # ./run-bench.sh test runs every target in regression mode over its committed inputs.
    target="${1:-}"; [ -n "$target" ] && [ "${target#-}" = "$target" ] || usage "fuzz needs a target: IdxReaderFuzzTest#raw, IdxReaderFuzzTest#gzipped, CsvReaderFuzzTest#breastCancerFormat, CsvReaderFuzzTest#ownCsv, GridFuzzTest, RunRecordFuzzTest, ModelFileFuzzTest#model, ModelFileFuzzTest#checkpoint"
    shift; minutes=10
    while [ $# -gt 0 ]; do
      case "$1" in
        --minutes) minutes="${2:-}"; [[ "$minutes" =~ ^[1-9][0-9]*$ ]] || usage "fuzz: --minutes needs a whole number >= 1"; shift 2 ;;
        *) usage "fuzz: unknown option '$1' (expected --minutes N)" ;;
      esac
    done
    find_jdk; need mvn "install Apache Maven 3.8+ (Debian: apt-get install maven)"
    echo "fuzzing $target for $minutes min (findings are saved under bench/src/test/resources/dev/densebench/fuzz/) ..." >&2
    JAZZER_FUZZ=1 mvn -B -Dstyle.color=never -pl bench -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${minutes}m" -Ddensebench.jvmOpts="${DENSEBENCH_JVM_OPTS:-}" 2>&1 \
      | grep -a -E --line-buffered '#[0-9]+\s+(INITED|DONE|pulse)|Done [0-9]+ runs|==|Tests run|FAIL|ERROR|Exception|finding' ;;
  scaling)
    find_jdk; build_if_stale
    run_jar scaling "$@" ;;
  openblas)
    # densebench's sgemm against OpenBLAS's in one JVM. OpenBLAS picks its kernel when it loads,
    # from OPENBLAS_CORETYPE: set (--coretype) or unset for this JVM only, as OPENBLAS_L2_SIZE.
    coretype=""; args=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --coretype) coretype="${2:-}"; shift 2 || usage "--coretype needs an OpenBLAS core name (Haswell, Nehalem, SkylakeX, ...)" ;;
        *) args+=("$1"); shift ;;
      esac
    done
    [[ -z "$coretype" || "$coretype" =~ ^[A-Za-z0-9]+$ ]] || usage "openblas: --coretype '$coretype': expected a name such as Haswell"
    find_jdk; build_if_stale
    ( unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS
      [ -n "$coretype" ] && export OPENBLAS_CORETYPE="$coretype"
      run_jar openblas "${args[@]}" ) ;;
  compare-build)
    # --baseline REV: the engine of git revision REV, built once into target/baselines/.
    args=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --baseline) [ -n "${2:-}" ] || usage "compare-build: --baseline needs an engine jar or a git revision"
                    find_jdk; jar="$(baseline_jar "$2")" || exit $?; args+=(--baseline "$jar"); shift 2 ;;
        *) args+=("$1"); shift ;;
      esac
    done
    find_jdk; build_if_stale
    run_jar compare-build "${args[@]}" ;;
  train|lr-search|evaluate)
    find_jdk; build_if_stale
    # With the default data folder, make sure the data is there (idempotent, no network when verified).
    case " $* " in *" --data-dir"*|*" -h "*|*" --help "*|*" csv "*) ;; *) "$ROOT/scripts/fetch-data.sh" >&2 ;; esac
    run_jar "$cmd" "$@" ;;
  predict|export)
    find_jdk; build_if_stale
    run_jar "$cmd" "$@" ;;
  jmh)
    find_jdk; build_if_stale
    # JSON results go under reports/jmh/ unless the caller chose a result file.
    extra=()
    case " $* " in *" -rff "*) ;; *)
      mkdir -p "$ROOT/reports/jmh"
      extra=(-rf json -rff "$ROOT/reports/jmh/jmh-$(date -u +%Y%m%d-%H%M%S).json") ;;
    esac
    # JMH forks start with the host JVM's flags (so DENSEBENCH_JVM_OPTS reaches them); when it is
    # set, it also goes into -jvmArgsAppend, merged with one the caller gave.
    args=("$@")
    if [ ${#USER_JVM_OPTS[@]} -gt 0 ]; then
      merged=""
      for ((i = 0; i < ${#args[@]}; i++)); do
        if [ "${args[$i]}" = "-jvmArgsAppend" ]; then merged="${args[$((i + 1))]:-}"; unset 'args[i]' 'args[i+1]'; i=$((i + 1)); fi
      done
      args=("${args[@]}" -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xmx4g ${merged:+$merged }${DENSEBENCH_JVM_OPTS}")
    fi
    (cd "$CALLER_DIR" && java "${JVM_FLAGS[@]}" -cp "$JAR" org.openjdk.jmh.Main "${args[@]}" "${extra[@]}") ;;
  test)
    find_jdk
    need mvn "install Apache Maven 3.8+ (Debian: apt-get install maven)"
    DATA_DIR="$ROOT/data"
    "$ROOT/scripts/fetch-data.sh" --data-dir "$DATA_DIR"
    started=$(date +%s)
    mvn "${MVN_FLAGS[@]}" -Ddensebench.dataDir="$DATA_DIR" -Ddensebench.jvmOpts="${DENSEBENCH_JVM_OPTS:-}" "$@" verify
    "$ROOT/scripts/test-summary.sh" "$ROOT" "$started" ;;
  peers)
    # The peers a user would pick instead, measured here: OpenBLAS sgemm through numpy on
    # GemmBench's shapes, and PyTorch (CPU) training the MNIST benchmark network.
    threads=1; coretype=""; epochs=3; out="$ROOT/reports/peers-$(date -u +%Y%m%d-%H%M%S)"
    while [ $# -gt 0 ]; do
      case "$1" in
        --threads) threads="${2:-}"; shift 2 || usage "--threads needs a number" ;;
        --coretype) coretype="${2:-}"; shift 2 || usage "--coretype needs an OpenBLAS core name (Haswell, Nehalem, SkylakeX, ...)" ;;
        --epochs) epochs="${2:-}"; shift 2 || usage "--epochs needs a number" ;;
        --out-dir) out="${2:-}"; shift 2 || usage "--out-dir needs a folder" ;;
        *) usage "peers: unknown option '$1' (expected --threads N, --coretype NAME, --epochs N, --out-dir DIR)" ;;
      esac
    done
    [[ "$threads" =~ ^[1-9][0-9]*$ ]] || usage "peers: --threads '$threads': expected a whole number >= 1"
    [[ "$epochs" =~ ^[1-9][0-9]*$ ]] || usage "peers: --epochs '$epochs': expected a whole number >= 1"
    [[ -z "$coretype" || "$coretype" =~ ^[A-Za-z0-9]+$ ]] || usage "peers: --coretype '$coretype': expected a name such as Haswell"
    PY=/usr/bin/python3  # Debian's python, which has Debian's numpy (over OpenBLAS) and torch
    if ! "$PY" -c 'import numpy, torch, threadpoolctl' 2>/dev/null; then
      echo "installing Debian's python3-numpy and python3-torch ..." >&2
      sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
      { $sudo_ apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q \
          python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread; } >/dev/null \
        || die "could not install python3-numpy and python3-torch with apt-get"
    fi
    "$ROOT/scripts/fetch-data.sh" >&2
    mkdir -p "$out" || die "cannot create --out-dir '$out'"
    # The machine's own OpenBLAS settings are dropped for these commands only.
    peer_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads")
    [ -n "$coretype" ] && peer_env+=(OPENBLAS_CORETYPE="$coretype")
    "${peer_env[@]}" "$PY" "$ROOT/scripts/peers/openblas_sgemm.py" --csv "$out/openblas-sgemm-${threads}t${coretype:+-$coretype}.csv"
    "${peer_env[@]}" "$PY" "$ROOT/scripts/peers/torch_mlp.py" "$ROOT/data/mnist" --threads "$threads" --epochs "$epochs" \
      --csv "$out/pytorch-epoch-${threads}t.csv"
    # The same library timed beside densebench in one JVM: the ratio under the same machine load.
    "$0" openblas --threads "$threads" ${coretype:+--coretype "$coretype"} \
      --out "$out/openblas-alternated-${threads}t${coretype:+-$coretype}.json"
    echo "peer figures: $out (openblas-sgemm-*.csv is what ./run-bench.sh report DIR --reference FILE reads)" ;;
  help|-h|--help)
    sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    usage "unknown command '$cmd' (expected one of: data, train, evaluate, predict, export, lr-search, quick, full, ablation, slurm, report, jmh, scaling, openblas, peers, fuzz, test, help)" ;;
esac
