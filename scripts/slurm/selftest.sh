#!/usr/bin/env bash
# A real test of the Slurm path on a throwaway single-node cluster on 127.0.0.1:
#   1. installs Debian's slurm-wlm and munge when missing (needs root),
#   2. starts munged, slurmctld and slurmd in a temporary folder (own slurm.conf, cgroup.conf,
#      state and spool folders, ports, a fresh munge key and socket),
#   3. submits scripts/slurm/selftest-grid.json as a 3-task array plus the report job
#      (./run-bench.sh slurm), requeues task 0 once while it runs (as a pre-emption would),
#      waits (timeout SELFTEST_TIMEOUT seconds, default 600),
#   4. checks every record is there exactly once and that the report's accuracies equal those
#      of the same grid run in one process (scripts/slurm/compare-reports.py),
#   5. stops the daemons it started, by their PIDs, and removes its folder.
#   scripts/slurm/selftest.sh [--keep]      (--keep leaves the folder for a look)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keep=0; [ "${1:-}" = "--keep" ] && keep=1
timeout_s="${SELFTEST_TIMEOUT:-600}"
t_start=$(date +%s)
say() { echo "selftest: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "slurm-wlm and munge are not installed, and installing them needs root (apt-get install slurm-wlm munge)"
  say "installing Debian's slurm-wlm and munge ..."
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge; } >/dev/null \
    || fail "apt-get install slurm-wlm munge failed"
fi
[ "$(id -u)" = 0 ] || fail "run as root: slurmd starts jobs as their users, and this single-node cluster runs its daemons as root"

work="$(mktemp -d /tmp/densebench-slurm.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- munge: a fresh key and socket of our own --------------------------------------------
mkdir -p "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" \
  || fail "munged did not start (see $work/munge/munged.log)"
for _ in $(seq 50); do [ -s "$work/munge/munged.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/munge/munged.pid")")

# --- slurm: one node, this host, on 127.0.0.1 and ports of our own -----------------------
node="$(hostname -s)"
cpus="$(nproc)"
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$work/state" "$work/spool" "$work/log" "$work/cgroup"
cat > "$work/slurm.conf" <<CONF
ClusterName=densebench-selftest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=selftest Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
cat > "$work/cgroup.conf" <<CONF
CgroupPlugin=cgroup/v1
CgroupMountpoint=$work/cgroup
CgroupAutomount=no
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -f "$SLURM_CONF" > "$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" > "$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  state="$(sinfo -h -n "$node" -o %T 2>/dev/null || true)"
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || fail "the node is '${state:-unreachable}', not idle, after 60 s (logs in $work/log; run with --keep)"
say "cluster up: node $node, $cpus CPUs, slurmctld on 127.0.0.1:$port ($(sinfo -V))"

# --- the grid, on the cluster and in one process -----------------------------------------
grid="$ROOT/scripts/slurm/selftest-grid.json"
out="$work/sharded"
submit_out="$("$ROOT/run-bench.sh" slurm --grid "$grid" --tasks 3 --out-dir "$out" --cpus-per-task 1)" \
  || fail "./run-bench.sh slurm failed"
echo "$submit_out" >&2
report_job="$(echo "$submit_out" | awk '/report job/ {print $NF}')"
[ -n "$report_job" ] || fail "no report job id in the output of ./run-bench.sh slurm"
deadline=$(( $(date +%s) + timeout_s ))
# Pre-empt task 0 once while it trains (scontrol requeue kills it and queues it again): it must
# resume its share, keeping the records it finished.
array_job="$(echo "$submit_out" | awk '/^array job/ {print $3}' | tr -d :)"
requeued=0
for _ in $(seq 120); do
  if [ "$(squeue -h -j "${array_job}_0" -o %T 2>/dev/null)" = RUNNING ] && grep -q '^\[' "$out/slurm-${array_job}_0.out" 2>/dev/null; then
    scontrol requeue "${array_job}_0" && requeued=1
    # A requeued job waits before it may start again (its begin time moves on); let it start now.
    sleep 1; scontrol update JobId="${array_job}_0" StartTime=now 2>/dev/null || true
    say "requeued task 0 of job $array_job after its first finished run"
    break
  fi
  sleep 0.5
done
while squeue -h 2>/dev/null | grep -q .; do
  [ "$(date +%s)" -lt "$deadline" ] || { squeue >&2; fail "jobs still queued or running after $timeout_s s"; }
  sleep 2
done
[ -f "$out/index.html" ] || { tail -n 20 "$out"/slurm-*.out >&2 || true; fail "the report job wrote no $out/index.html"; }

expected="$("$ROOT/run-bench.sh" ablation --grid "$grid" --out-dir "$work/plan" --dry-run | awk '/^shard/ {print $5}')"
records="$(find "$out/records" -name '*.json' | wc -l)"
selection="$(find "$out/lr-selection" -name '*.json' | wc -l)"
[ "$((records + selection))" = "$expected" ] || fail "$records records + $selection selection runs, expected $expected runs"
dupes="$(find "$out/records" "$out/lr-selection" -name '*.json' -printf '%P\n' | sort | uniq -d | wc -l)"
[ "$dupes" = 0 ] || fail "$dupes records twice"
shards="$(ls "$out"/ablation-shard-*-of-3.json | wc -l)"
[ "$shards" = 3 ] || fail "$shards of 3 shards finished"

if [ "$requeued" = 1 ]; then
  starts="$(grep -c '^densebench: task 0 ' "$out/slurm-${array_job}_0.out")"
  [ "$starts" -ge 2 ] || fail "task 0 was requeued but ran $starts time(s)"
  grep -E 'already complete' "$out/slurm-${array_job}_0.out" | tail -n 1 | grep -qv ' 0 already complete' \
    || fail "the requeued task 0 did not keep the records it had finished"
  say "task 0 ran $starts times and resumed its share: $(grep -E 'already complete' "$out/slurm-${array_job}_0.out" | tail -n 1)"
fi

say "the same grid in one process ..."
"$ROOT/run-bench.sh" ablation --grid "$grid" --out-dir "$work/one" --threads 1 > "$work/one.log" 2>&1 || fail "one-process run failed ($work/one.log)"
"$ROOT/run-bench.sh" report "$work/one" > /dev/null 2>&1 || fail "one-process report failed"
"$ROOT/scripts/slurm/compare-reports.py" "$out" "$work/one" >&2 || fail "the sharded report differs from the one-process report"
say "OK: $records records + $selection selection runs from 3 array tasks, each once; report equals the one-process run; $(( $(date +%s) - t_start )) s"
