#!/usr/bin/env python3
"""PyTorch CPU on densebench's MNIST benchmark network, for `./run-bench.sh peers`.

784-512-512-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 128, all 60,000 training images
(as `train --validation 0`), timing the training step only with the data in memory, as densebench's
run record does. Writes one CSV row per epoch: peer,threads,epoch,seconds,test_accuracy.
"""
import argparse, gzip, os, time

import numpy as np
import torch

from csv_out import write_atomically


def idx(root, name, offset):
    for path in (os.path.join(root, name), os.path.join(root, name + '.gz')):
        if os.path.exists(path):
            with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
                return np.frombuffer(f.read(), np.uint8, offset=offset)
    raise SystemExit(f'torch_mlp: {name} not found in {root}')


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('mnist_dir')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--epochs', type=int, default=3)
    p.add_argument('--csv', required=True)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.from_numpy(idx(args.mnist_dir, 'train-images-idx3-ubyte', 16).reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(idx(args.mnist_dir, 'train-labels-idx1-ubyte', 8).astype(np.int64))
    xt = torch.from_numpy(idx(args.mnist_dir, 't10k-images-idx3-ubyte', 16).reshape(-1, 784).astype(np.float32) / 255)
    yt = torch.from_numpy(idx(args.mnist_dir, 't10k-labels-idx1-ubyte', 8).astype(np.int64))
    net = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512),
                              torch.nn.ReLU(), torch.nn.Linear(512, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss = torch.nn.CrossEntropyLoss()
    print(f'PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), 784-512-512-10 Adam batch 128')
    rows = []
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(x))
        start = time.perf_counter()
        for i in range(0, len(x), 128):
            batch = order[i:i + 128]
            opt.zero_grad(set_to_none=True)
            loss(net(x[batch]), y[batch]).backward()
            opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            acc = (net(xt).argmax(1) == yt).float().mean().item()
        print(f'  epoch {epoch}  {seconds:6.2f} s  test accuracy {100 * acc:5.2f} %', flush=True)
        rows.append(f'PyTorch {torch.__version__},{args.threads},{epoch},{seconds:.3f},{acc:.4f}')
    write_atomically(args.csv, 'peer,threads,epoch,seconds,test_accuracy', rows)


if __name__ == '__main__':
    main()
