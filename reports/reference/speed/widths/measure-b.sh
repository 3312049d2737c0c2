#!/bin/bash
cd /work/main
OUT=/work/main/reports/reference/speed/widths
for ct in Haswell SkylakeX; do
  echo "### PyTorch OPENBLAS_CORETYPE=$ct $(date -u +%H:%M:%S)"
  env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=$ct OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 scripts/peers/torch_mlp.py data/mnist --threads 1 --epochs 3 --csv $OUT/pytorch-$ct-1t.csv
done
echo "### densebench 256 epochs again $(date -u +%H:%M:%S)"
for t in 1 2; do
  DENSEBENCH_JVM_OPTS="-XX:UseAVX=2" ./run-bench.sh train --dataset mnist --optimizer adam --lr 0.001 --layers 512,512 --batch 128 --epochs 3 --validation 0 --threads $t --out $OUT/train-w256-${t}t-b.json 2>&1 | grep -E "vector kernels|^ +[0-9]+ "
done
echo "### PyTorch Haswell again $(date -u +%H:%M:%S)"
env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 scripts/peers/torch_mlp.py data/mnist --threads 1 --epochs 3 --csv $OUT/pytorch-Haswell-1t-b.csv
echo "### quick on 256 $(date -u +%H:%M:%S)"
s=$(date +%s)
DENSEBENCH_JVM_OPTS="-XX:UseAVX=2" ./run-bench.sh quick --out-dir /tmp/quick256 > /tmp/quick256.log 2>&1; echo "quick rc=$? $(( $(date +%s) - s )) s"
echo "### done $(date -u +%H:%M:%S)"
