#!/bin/bash
# The per-width speed tables of the README: densebench's sgemm against OpenBLAS's in one JVM
# (./run-bench.sh openblas, alternated every 200 ms, median of per-round ratios), the scalar
# kernels against the 128-bit path, then the MNIST epoch against PyTorch. Run from the
# repository root: reports/reference/speed/widths/measure.sh SET [ROUNDS] writes into widths/SET
# (sets c, d and e: `measure.sh c 14`, `measure.sh d`, `measure.sh e`, without the alternated
# scalar step, which came after set e).
# A third argument picks parts (default "gemm scalar epochs"); EPOCH_ROUNDS names the epoch rounds
# (default "a b"), e.g. EPOCH_ROUNDS="c d e" measure.sh i 30 epochs adds three rounds to set i.
set -u
SET=${1:?usage: measure.sh SET [ROUNDS] [PARTS], e.g. measure.sh f}
ROUNDS=${2:-20}
PARTS=${3:-gemm scalar epochs}
has() { [[ " $PARTS " == *" $1 "* ]]; }
OUT=reports/reference/speed/widths/$SET
mkdir -p $OUT
echo "commit $(git rev-parse --short HEAD)  cpu:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)  avx512f: $(grep -c avx512f /proc/cpuinfo)"
ob() { # name jvm-opts coretype threads shapes
  echo "### $1: DENSEBENCH_JVM_OPTS='$2' ./run-bench.sh openblas ${3:+--coretype $3 }--threads $4 --shapes $5  ($(date -u +%H:%M:%S))"
  DENSEBENCH_JVM_OPTS="$2" ./run-bench.sh openblas --coretype "$3" --threads "$4" --shapes "$5" --rounds $ROUNDS --out $OUT/$1.json 2>&1 | grep -v -E "WARNING|^wrote"
}
# On an AVX-512 machine the 256-bit path is emulated (-XX:UseAVX=2, against OpenBLAS's Haswell
# kernel); on an AVX2 machine it is native, against OpenBLAS's own choice of kernel ("" = the
# CPU's), and the 512-bit rows are skipped (that width is only emulated there, for tests).
if [ "$(grep -c avx512f /proc/cpuinfo)" -gt 0 ]; then AVX512=1; W256_OPTS="-XX:UseAVX=2"; W256_CORE=Haswell
else AVX512=0; W256_OPTS=""; W256_CORE=""; fi
if has gemm; then
S=128x784x512,128x512x512,128x512x10,512x512x512,1024x1024x1024
[ $AVX512 = 1 ] && ob w512-1t "" SkylakeX 1 $S
ob w256-1t "$W256_OPTS" "$W256_CORE" 1 $S
[ $AVX512 = 0 ] && ob w256-haswell-1t "" Haswell 1 $S
ob w128-1t "-XX:MaxVectorSize=16" Nehalem 1 $S
[ $AVX512 = 1 ] && ob w128-16reg-1t "-XX:MaxVectorSize=16 -XX:UseAVX=2" Nehalem 1 $S
[ $AVX512 = 1 ] && ob w512-2t "" SkylakeX 2 512x512x512,1024x1024x1024
ob w256-2t "$W256_OPTS" "$W256_CORE" 2 512x512x512,1024x1024x1024
fi
if has scalar; then
echo "### scalar kernels: JMH GemmBench  ($(date -u +%H:%M:%S))"
./run-bench.sh jmh GemmBench -p kernel=scalar -p threads=1 -p shape=128x784x512,512x512x512 -f 1 -wi 1 -i 3 -w 1 -r 2 -rff $OUT/jmh-scalar.json 2>&1 | grep -E "^GemmBench"
echo "### 128-bit vector: JMH GemmBench, same settings  ($(date -u +%H:%M:%S))"
DENSEBENCH_JVM_OPTS="-XX:MaxVectorSize=16" ./run-bench.sh jmh GemmBench -p kernel=vector -p threads=1 -p shape=128x784x512,512x512x512 -f 1 -wi 1 -i 3 -w 1 -r 2 -rff $OUT/jmh-w128.json 2>&1 | grep -E "^GemmBench"
echo "### scalar against the 128-bit path, alternated in one JVM  ($(date -u +%H:%M:%S))"
DENSEBENCH_JVM_OPTS="-XX:MaxVectorSize=16" ./run-bench.sh scaling --baseline scalar --shapes 128x784x512,512x512x512 --rounds 8 --window-ms 1000 --out $OUT/w128-vs-scalar.json 2>&1 | grep -v -E "WARNING|^wrote"
fi
if has epochs; then
echo "### epochs: 784-512-512-10, Adam 1e-3, batch 128, --validation 0, 256-bit (${W256_OPTS:-native})  ($(date -u +%H:%M:%S))"
for round in ${EPOCH_ROUNDS:-a b}; do
  for t in 1 2; do
    DENSEBENCH_JVM_OPTS="$W256_OPTS" ./run-bench.sh train --dataset mnist --optimizer adam --lr 0.001 --layers 512,512 --batch 128 --epochs 3 --validation 0 --threads $t --out $OUT/train-w256-${t}t-$round.json 2>&1 | grep -E "^ +[0-9]+ "
  done
  env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE ${W256_CORE:+OPENBLAS_CORETYPE=$W256_CORE} OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 scripts/peers/torch_mlp.py data/mnist --threads 1 --epochs 3 --csv $OUT/pytorch-${W256_CORE:-native}-1t-$round.csv | grep epoch
done
fi
echo "### done $(date -u +%H:%M:%S)"
