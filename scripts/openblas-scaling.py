#!/usr/bin/env python3
"""OpenBLAS sgemm on 1 vs N threads, alternated in one process: the same procedure as
`./run-bench.sh scaling`, for the peer. Each round times both thread counts for --window-ms
each (which goes first alternates), and the speed-up is the median of the per-round ratios.

Run with the machine's OpenBLAS overrides removed (they force slower AVX2 kernels):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 \\
      /usr/bin/python3 scripts/openblas-scaling.py --threads 2 1024x1024x1024
"""
import argparse, ctypes, statistics, sys, time

import numpy as np

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('shapes', nargs='*', default=['128x784x512', '512x512x512', '1024x1024x1024'], help='MxKxN')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--rounds', type=int, default=10)
p.add_argument('--window-ms', type=float, default=250)
args = p.parse_args()

libs = {line.split()[-1] for line in open('/proc/self/maps') if 'openblas' in line and '.so' in line}
if not libs:
    sys.exit('openblas-scaling: numpy is not linked against OpenBLAS here (no libopenblas in the process)')
openblas = ctypes.CDLL(sorted(libs)[0])

print(f'OpenBLAS sgemm, 1 vs {args.threads} threads alternated every {args.window_ms:.0f} ms, '
      f'{args.rounds} rounds (+2 warm-up) per shape')
print(f'{"shape":<18}  {"1 thread":>14}  {f"{args.threads} threads":>14}  {"speed-up":>9}  {"range":>17}')
for shape in args.shapes:
    m, k, n = map(int, shape.split('x'))
    a = np.random.rand(m, k).astype(np.float32)
    b = np.random.rand(k, n).astype(np.float32)
    c = np.empty((m, n), np.float32)
    flop = 2.0 * m * k * n
    single, multi, ratios = [], [], []
    for r in range(-2, args.rounds):
        speed = {}
        for t in ((1, args.threads) if r % 2 == 0 else (args.threads, 1)):
            openblas.openblas_set_num_threads(t)
            times, end = [], time.perf_counter() + args.window_ms / 1000
            while True:
                t0 = time.perf_counter()
                np.matmul(a, b, out=c)
                times.append(time.perf_counter() - t0)
                if time.perf_counter() >= end:
                    break
            speed[t] = flop / statistics.median(times) / 1e9
        if r >= 0:
            single.append(speed[1]); multi.append(speed[args.threads]); ratios.append(speed[args.threads] / speed[1])
    spread = f'{min(ratios):.2f} – {max(ratios):.2f} x'
    print(f'{shape:<18}  {statistics.median(single):6.1f} GFLOP/s  {statistics.median(multi):6.1f} GFLOP/s  '
          f'{statistics.median(ratios):7.2f} x  {spread:>17}')
