#!/usr/bin/env python3
"""PyTorch on CPU, forward + backward of cross_entropy over rows of logits, the cases of CrossEntropyBenchmarks.

For float32 and float64 and the shapes 4096x1000 (a classification batch) and 8192x32000 (64 x 128 tokens over a
32 000-word vocabulary, the last 16 positions of each sequence padding with target -100), it times
`loss = F.cross_entropy(x, y); loss.backward()` on an x with requires_grad (x.grad reset to None before each call),
reduction 'mean', torch.set_num_threads(1), and prints the median of several calls in ms and ns per logit.

Runs with Debian's python3-torch: /usr/bin/python3 benchmarks/pytorch_rows.py [--out FILE]; benchmarks/rows.sh runs it
with jemalloc preloaded (see pytorch_compare.py for why).
"""

import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

SHAPES = ((4096, 1000), (8192, 32000))
DTYPES = {"Single": torch.float32, "Double": torch.float64}


def case(rows, classes, dtype):
    g = torch.Generator().manual_seed(20240611)
    x = (torch.rand(rows, classes, generator=g, dtype=dtype) * 8 - 4).requires_grad_()
    y = torch.randint(0, classes, (rows,), generator=g)
    if classes > 1000:
        y[torch.arange(rows) % 128 >= 112] = -100
    calls = 3 if rows * classes > 10_000_000 else 15
    times = []
    for _ in range(calls + 1):
        x.grad = None
        start = time.perf_counter()
        loss = F.cross_entropy(x, y, ignore_index=-100)
        loss.backward()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    results = {}
    for name, dtype in DTYPES.items():
        for rows, classes in SHAPES:
            seconds = case(rows, classes, dtype)
            key = f"CrossEntropyBenchmarks<{name}>.PyTorch(Shape={rows}x{classes})"
            results[key] = seconds
            print(f"{key}: {seconds * 1e3:.1f} ms, {seconds * 1e9 / (rows * classes):.2f} ns/logit")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"torch": torch.__version__, "threads": 1, "seconds": results}, f, indent=1)


if __name__ == "__main__":
    main()
