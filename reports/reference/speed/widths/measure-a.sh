#!/bin/bash
cd /work/main
C=$(git rev-parse --short HEAD)
OUT=/work/main/reports/reference/speed/widths
mkdir -p $OUT
S=128x784x512,128x512x512,128x512x10,512x512x512,1024x1024x1024
PS="128x784x512 128x512x512 128x512x10 512x512x512 1024x1024x1024"
ob() { # coretype threads shapes...
  local ct=$1 t=$2; shift 2
  echo "### OpenBLAS OPENBLAS_CORETYPE=${ct:-unset} threads=$t  $(date -u +%H:%M:%S)"
  if [ -n "$ct" ]; then env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=$ct OPENBLAS_NUM_THREADS=$t /usr/bin/python3 scripts/peers/openblas_sgemm.py --csv $OUT/openblas-$ct-${t}t.csv "$@"
  else env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=$t /usr/bin/python3 scripts/peers/openblas_sgemm.py --csv $OUT/openblas-native-${t}t.csv "$@"; fi
}
jmh() { # name opts kernel threads shapes
  echo "### densebench $1 DENSEBENCH_JVM_OPTS='$2' kernel=$3 threads=$4  $(date -u +%H:%M:%S)"
  DENSEBENCH_JVM_OPTS="$2" ./run-bench.sh jmh GemmBench -p kernel=$3 -p threads=$4 -p shape=$5 -f 1 -wi 2 -i 4 -w 1 -r 1 -rff $OUT/jmh-$1-$3-$4t.json 2>&1 | grep -E "^GemmBench|vector kernels: " | sort -u
}
echo "commit $C  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
ob SkylakeX 1 $PS; ob "" 1 $PS
jmh w512 "" vector 1 $S
ob Haswell 1 $PS
jmh w256 "-XX:UseAVX=2" vector 1 $S
ob Haswell 1 $PS
jmh w256 "-XX:UseAVX=2" vector 2 512x512x512,1024x1024x1024
ob Haswell 2 512x512x512 1024x1024x1024
ob SkylakeX 2 512x512x512 1024x1024x1024
jmh w512 "" vector 2 512x512x512,1024x1024x1024
ob Nehalem 1 $PS
jmh w128-32reg "-XX:MaxVectorSize=16" vector 1 $S
jmh w128-16reg "-XX:MaxVectorSize=16 -XX:UseAVX=2" vector 1 $S
ob Nehalem 1 $PS
jmh scalar "" scalar 1 128x784x512,512x512x512
echo "### epochs  $(date -u +%H:%M:%S)"
for t in 1 2; do
  DENSEBENCH_JVM_OPTS="-XX:UseAVX=2" ./run-bench.sh train --dataset mnist --optimizer adam --lr 0.001 --layers 512,512 --batch 128 --epochs 3 --validation 0 --threads $t --out $OUT/train-w256-${t}t.json 2>&1 | grep -E "vector kernels|^ +[0-9]+ " 
done
env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 scripts/peers/torch_mlp.py data/mnist --threads 1 --epochs 3 --csv $OUT/pytorch-1t.csv
./run-bench.sh train --dataset mnist --optimizer adam --lr 0.001 --layers 512,512 --batch 128 --epochs 3 --validation 0 --threads 1 --out $OUT/train-w512-1t.json 2>&1 | grep -E "vector kernels|^ +[0-9]+ "
echo "### done $(date -u +%H:%M:%S)"
