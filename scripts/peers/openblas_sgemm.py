#!/usr/bin/env python3
"""OpenBLAS sgemm GFLOP/s through numpy on GemmBench's shapes, for `./run-bench.sh peers`.

A shape is MxKxN for C[MxN] = A[MxK]·B[KxN]; `tn:` means Aᵀ·B (A stored KxM) and `nt:` A·Bᵀ
(B stored NxK), as in GemmBench. Each shape is timed in 9 windows of about 0.2 s after a
warm-up; the median window is reported. Output: a CSV in the `label,shape,threads,gflops` form
that `./run-bench.sh report --reference FILE` reads, and an aligned table on stdout.
Thread count and kernel come from the environment (OPENBLAS_NUM_THREADS, OPENBLAS_CORETYPE),
which run-bench.sh sets for this command only.
"""
import argparse, os, statistics, sys, time

import numpy as np

from csv_out import write_atomically

DEFAULT_SHAPES = ['128x784x512', 'tn:784x128x512', 'nt:128x512x784', '128x512x512', '128x512x10',
                  '512x512x512', '1024x1024x1024']


def operands(shape, rng):
    kind, _, dims = shape.rpartition(':')
    m, k, n = map(int, dims.split('x'))
    a = rng.random((k, m) if kind == 'tn' else (m, k), dtype=np.float32)
    b = rng.random((n, k) if kind == 'nt' else (k, n), dtype=np.float32)
    # Transposed views: numpy hands BLAS the transpose flag, no copy.
    return (a.T if kind == 'tn' else a), (b.T if kind == 'nt' else b), 2.0 * m * n * k


def gflops_windows(a, b, flop, windows=9, window_s=0.2):
    c = np.empty((a.shape[0], b.shape[1]), np.float32)
    for _ in range(3):
        np.matmul(a, b, out=c)
    t = time.perf_counter(); np.matmul(a, b, out=c); once = max(time.perf_counter() - t, 1e-6)
    reps = max(1, int(window_s / once))
    out = []
    for _ in range(windows):
        t = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        out.append(flop * reps / (time.perf_counter() - t) / 1e9)
    return out


def openblas_info():
    try:
        from threadpoolctl import threadpool_info
        for i in threadpool_info():
            if i.get('internal_api') == 'openblas':
                return i.get('version'), i.get('architecture'), i.get('num_threads')
    except ImportError:
        pass
    return None, None, None


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('shapes', nargs='*', default=DEFAULT_SHAPES)
    p.add_argument('--csv', required=True, help='CSV to write (label,shape,threads,gflops)')
    args = p.parse_args()
    version, core, threads = openblas_info()
    threads = threads or int(os.environ.get('OPENBLAS_NUM_THREADS', '1'))
    label = f'OpenBLAS {version or "?"} {core or "?"}'
    rng = np.random.default_rng(1)
    print(f'{label}, {threads} thread(s); OPENBLAS_CORETYPE={os.environ.get("OPENBLAS_CORETYPE", "(unset: its own choice)")}')
    print(f'{"shape":<18} {"median GFLOP/s":>15} {"range":>17}')
    rows = []
    for shape in args.shapes:
        try:
            a, b, flop = operands(shape, rng)
        except ValueError:
            sys.exit(f'openblas_sgemm: shape {shape!r}: expected MxKxN, optionally with tn: or nt:')
        w = gflops_windows(a, b, flop)
        med = statistics.median(w)
        print(f'{shape:<18} {med:15.1f} {min(w):8.1f} – {max(w):6.1f}', flush=True)
        rows.append(f'{label},{shape},{threads},{med:.2f}')
    write_atomically(args.csv, 'label,shape,threads,gflops', rows)


if __name__ == '__main__':
    main()
