#!/usr/bin/env python3
"""PyTorch on CPU, forward + backward of the losses that LossGen.Benchmarks times, in ns/element.

For each loss, dtype (float32, float64) and N (1000, 1000000, 16000000), and for 1 thread and all threads
(torch.set_num_threads), it times `loss = f(x, y); loss.backward()` on an x with requires_grad (x.grad reset to
None before each call, as optimizer.zero_grad() does), reduction 'mean', and reports the median of several calls.

Inputs follow the same distributions as the .NET benchmarks (not the same numbers): x ~ N(0, 2^2); regression
targets y = x + N(0, 1); binary targets 1 with probability sigmoid(x).

Runs with Debian's python3-torch: /usr/bin/python3 benchmarks/pytorch_compare.py [--filter GLOB ...] [--out FILE]

Allocator: every PyTorch op allocates its output, and at 16M elements (64 or 128 MB) glibc's malloc hands each one
back to the kernel and maps it anew, so every call page-faults its temporaries in again; on this VM a fault costs
~10 us and dominates (MSE at 16M: ~25 ns/element instead of ~1). run.sh therefore runs this script with jemalloc
preloaded and told to keep freed pages (LD_PRELOAD=libjemalloc.so.2, MALLOC_CONF=dirty_decay_ms:-1,...), as
PyTorch's CPU performance guide recommends; the allocator used is recorded in the output.
Each case is named like the .NET benchmarks, LossGen.Benchmarks.FocalBenchmarks<Single>.PyTorch, so the same
--filter globs select the same losses and types.
"""

import argparse
import fnmatch
import json
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn.functional as F

ALPHA = 0.25  # focal
GAMMA = 2.0  # focal
DELTA = 1.0  # huber
SEED = 20240611
SIZES = (1_000, 1_000_000, 16_000_000)
DTYPES = {"Single": torch.float32, "Double": torch.float64}


def mse(x, y):
    return F.mse_loss(x, y)


def huber(x, y):
    return F.huber_loss(x, y, delta=DELTA)


def bce_with_logits(x, y):
    return F.binary_cross_entropy_with_logits(x, y)


def focal(x, y):
    # torchvision.ops.sigmoid_focal_loss, verbatim in substance (torchvision is not in Debian's python3-torch).
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * ((1 - p_t) ** GAMMA)
    alpha_t = ALPHA * y + (1 - ALPHA) * (1 - y)
    return (alpha_t * loss).mean()


def log_cosh(x, y):
    # The form PyTorch users write; there is no built-in.
    return torch.log(torch.cosh(x - y)).mean()


# class name in LossGen.Benchmarks -> (function, binary targets)
LOSSES = {
    "MseBenchmarks": (mse, False),
    "HuberBenchmarks": (huber, False),
    "BceWithLogitsBenchmarks": (bce_with_logits, True),
    "FocalBenchmarks": (focal, True),
    "LogCoshBenchmarks": (log_cosh, False),
}


def inputs(n, dtype, binary):
    generator = torch.Generator().manual_seed(SEED)
    x = torch.randn(n, generator=generator, dtype=torch.float64) * 2.0
    if binary:
        y = (torch.rand(n, generator=generator, dtype=torch.float64) < torch.sigmoid(x)).to(torch.float64)
    else:
        y = x + torch.randn(n, generator=generator, dtype=torch.float64)
    return x.to(dtype).requires_grad_(True), y.to(dtype)


def time_case(fn, x, y, min_seconds, min_repeats, max_repeats):
    def once():
        x.grad = None
        start = time.perf_counter_ns()
        loss = fn(x, y)
        loss.backward()
        return time.perf_counter_ns() - start

    for _ in range(2):
        once()
    times = []
    began = time.perf_counter()
    while len(times) < max_repeats and (len(times) < min_repeats or time.perf_counter() - began < min_seconds):
        times.append(once())
    return statistics.median(times), len(times)


def check(fn, binary, dtype):
    """Sanity check of each loss against a float64 hand formula on a few elements."""
    x, y = inputs(1000, torch.float64, binary)
    loss = fn(x, y)
    loss.backward()
    xd, yd = x.detach(), y
    if fn is log_cosh:
        expected, grad = torch.log(torch.cosh(xd - yd)).mean(), torch.tanh(xd - yd) / len(xd)
    elif fn is mse:
        expected, grad = ((xd - yd) ** 2).mean(), 2 * (xd - yd) / len(xd)
    else:
        return
    assert torch.allclose(loss.detach(), expected, rtol=1e-12), fn.__name__
    assert torch.allclose(x.grad, grad, rtol=1e-10, atol=1e-15), fn.__name__


def allocator():
    preload = os.environ.get("LD_PRELOAD", "")
    if "jemalloc" in preload:
        return f"jemalloc (MALLOC_CONF={os.environ.get('MALLOC_CONF', '')})"
    if "tcmalloc" in preload:
        return "tcmalloc"
    return "glibc malloc"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--filter", nargs="*", default=["*"],
                        help="globs on LossGen.Benchmarks.<Class><<Type>>.PyTorch (default: all)")
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--threads", nargs="*", type=int, default=None,
                        help="thread counts (default: 1 and os.cpu_count())")
    parser.add_argument("--min-seconds", type=float, default=1.0, help="minimum timed seconds per case")
    parser.add_argument("--min-repeats", type=int, default=5)
    parser.add_argument("--max-repeats", type=int, default=2000)
    parser.add_argument("--out", help="write the JSON here too")
    parser.add_argument("--merge", action="store_true",
                        help="keep the results already in --out for the cases this run does not time")
    args = parser.parse_args()

    all_threads = os.cpu_count() or 1
    thread_counts = args.threads or sorted({1, all_threads})
    default_threads = torch.get_num_threads()
    results = []
    began = time.perf_counter()
    for class_name, (fn, binary) in LOSSES.items():
        for type_name, dtype in DTYPES.items():
            name = f"LossGen.Benchmarks.{class_name}<{type_name}>.PyTorch"
            if not any(fnmatch.fnmatchcase(name, pattern) for pattern in args.filter):
                continue
            check(fn, binary, dtype)
            for n in args.sizes:
                x, y = inputs(n, dtype, binary)
                for threads in thread_counts:
                    torch.set_num_threads(threads)
                    median_ns, repeats = time_case(fn, x, y, args.min_seconds, args.min_repeats, args.max_repeats)
                    record = {
                        "name": name, "class": class_name, "type": type_name, "n": n, "threads": threads,
                        "median_ns": median_ns, "ns_per_element": median_ns / n, "repeats": repeats,
                    }
                    results.append(record)
                    print(f"{class_name:<24} {type_name:<6} N={n:<9} threads={threads}: "
                          f"{median_ns / n:9.3f} ns/element ({repeats} calls)", file=sys.stderr, flush=True)
                del x, y
    output = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "allocator": allocator(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "parallel": torch.__config__.parallel_info().splitlines()[-1].strip(),
        "default_threads": default_threads,
        "all_threads": all_threads,
        "seconds": round(time.perf_counter() - began, 1),
        "results": results,
    }
    if args.merge and args.out and os.path.exists(args.out):
        with open(args.out) as f:
            previous = json.load(f)
        timed = {(r["name"], r["n"], r["threads"]) for r in results}
        kept = [r for r in previous.get("results", []) if (r["name"], r["n"], r["threads"]) not in timed]
        output["results"] = kept + results
        output["merged_from"] = previous.get("merged_from", []) + [previous.get("date", "?")]
    text = json.dumps(output, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
