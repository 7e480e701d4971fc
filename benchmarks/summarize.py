#!/usr/bin/env python3
"""Merges BenchmarkDotNet's JSON reports and pytorch_compare.py's JSON into one markdown report.

    python3 benchmarks/summarize.py --bdn benchmarks/results/bdn/results --torch benchmarks/results/pytorch.json \
        [--seconds TOTAL] [--out benchmarks/results/latest.md]

Standard library only. Cells of cases that were not run (a --filter subset) show as "–".
"""

import argparse
import datetime
import glob
import json
import os
import re
import subprocess
import sys

LOSSES = [  # (class, display name)
    ("MseBenchmarks", "MSE"),
    ("HuberBenchmarks", "Huber (δ 1)"),
    ("BceWithLogitsBenchmarks", "BCE with logits"),
    ("FocalBenchmarks", "Focal (α 0.25, γ 2)"),
    ("LogCoshBenchmarks", "LogCosh"),
]
TYPES = [("Single", "float"), ("Double", "double")]
MEMORY_BOUND = {"MseBenchmarks", "HuberBenchmarks"}  # the rows that show the bandwidth probe
SIZES = [1_000, 1_000_000, 16_000_000]
M = 1_000_000


def load_bdn(folder):
    """{(type, method, params-dict-as-tuple): median ns} from every *-report-full.json under folder.

    run.sh gives each run its own timestamped folder; reading them in name order lets a later run's case replace
    an earlier one's.
    """
    times, host = {}, {}
    paths = glob.glob(os.path.join(folder, "**", "*-report-full.json"), recursive=True)
    for path in sorted(paths, key=lambda p: (os.path.relpath(p, folder).split(os.sep)[0], p)):
        with open(path) as f:
            report = json.load(f)
        host = report.get("HostEnvironmentInfo", host)
        for b in report["Benchmarks"]:
            stats = b.get("Statistics")
            if not stats:
                continue
            params = tuple(sorted(
                (k, int(v) if v.lstrip("-").isdigit() else v)
                for k, v in (p.split("=", 1) for p in b["Parameters"].split("&") if p)))
            times[(b["Type"], b["Method"], params)] = stats["Median"]
    return times, host


def load_torch(path):
    if not path or not os.path.exists(path):
        return {}, {}
    with open(path) as f:
        data = json.load(f)
    cells = {(r["class"], r["type"], r["n"], r["threads"]): r["median_ns"] for r in data["results"]}
    return cells, data


def fmt_ns(value):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def fmt_ratio(value):
    return "–" if value is None else f"{value:.2f}×"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001 - best effort machine description
        return ""


def machine():
    lscpu = sh("lscpu")

    def field(name):
        m = re.search(rf"^{re.escape(name)}:\s*(.+)$", lscpu, re.M)
        return m.group(1).strip() if m else "?"

    siblings = []
    for cpu in sorted(glob.glob("/sys/devices/system/cpu/cpu[0-9]*/topology/thread_siblings_list")):
        with open(cpu) as f:
            siblings.append(f"{cpu.split('/')[5]}: {f.read().strip()}")
    flags = field("Flags").split()
    isa = ", ".join(x for x in ("avx2", "fma", "avx512f", "avx512dq", "avx512vl") if x in flags)
    return {
        "model": field("Model name"),
        "family": f"family {field('CPU family')}, model {field('Model')}",
        "cpus": field("CPU(s)"),
        "threads_per_core": field("Thread(s) per core"),
        "cores_per_socket": field("Core(s) per socket"),
        "siblings": "; ".join(siblings),
        "isa": isa,
        "hypervisor": field("Hypervisor vendor") if "Hypervisor vendor" in lscpu else ("yes" if "hypervisor" in flags else "no"),
        "memory": sh("free -g | awk '/Mem:/ {print $2 \" GiB\"}'"),
        "kernel": sh("uname -r"),
        "load": sh("cut -d' ' -f1-3 /proc/loadavg"),
    }


def build(args):
    bdn, host = load_bdn(args.bdn)
    torch, torch_meta = load_torch(args.torch)
    all_threads = torch_meta.get("all_threads", 2)

    def dotnet(cls, typ, method, n):
        t = bdn.get((f"{cls}<{typ}>", method, (("N", n),)))
        return None if t is None else t / n

    def probe(typ, n):
        t = bdn.get((f"BandwidthProbe<{typ}>", "ReadTwoWriteOne", (("N", n),)))
        return None if t is None else t / n

    def pt(cls, typ, n, threads):
        t = torch.get((cls, typ, n, threads))
        return None if t is None else t / n

    def par(method, degree):
        return bdn.get(("ParallelBenchmarks", method, (("Degree", degree), ("N", 16 * M))))

    out = []
    w = out.append
    commit = sh("git -C '%s' rev-parse --short HEAD" % args.repo)
    dirty = sh("git -C '%s' status --porcelain -- src" % args.repo)
    mach = machine()
    w("# LossGen benchmark results\n")
    w(f"- Date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}")
    w(f"- Code: commit {commit or '?'}{' + uncommitted changes under src/' if dirty else ''}")
    w(f"- Machine: {mach['model']} ({mach['family']}), {mach['cpus']} vCPUs, {mach['threads_per_core']} thread(s) per core, "
      f"{mach['cores_per_socket']} core(s) per socket, hypervisor: {mach['hypervisor']}; {mach['memory']} RAM; {mach['isa']}")
    w(f"- SMT siblings (thread_siblings_list): {mach['siblings']}")
    w(f"- .NET: {host.get('RuntimeVersion', '?')}, SDK {host.get('DotNetCliVersion', '?')}, "
      f"BenchmarkDotNet {host.get('BenchmarkDotNetVersion', '?')}; OS {host.get('OsVersion', '?')}, kernel {mach['kernel']}")
    if torch_meta:
        w(f"- PyTorch: {torch_meta.get('torch')} (Python {torch_meta.get('python')}, {torch_meta.get('parallel')}); "
          f"allocator {torch_meta.get('allocator', '?')}; "
          f"default threads {torch_meta.get('default_threads')}, all threads = {all_threads}; run {torch_meta.get('date', '?')} "
          f"in {torch_meta.get('seconds', '?')} s")
    w(f"- Load average (1, 5, 15 min) when the summary was written: {mach['load']} (2 vCPUs: other work on the machine shows here)")
    if args.seconds:
        w(f"- Full run (build, BenchmarkDotNet, PyTorch, this summary): {int(args.seconds) // 60} min {int(args.seconds) % 60} s")
    w("")
    w("Times are medians, in ns per element, of `ValueAndGradient(prediction, target, gradient, Reduction.Mean)` "
      "(the loss and the gradient of the mean); PyTorch is forward + `backward()`. Ratios above 1 mean LossGen is faster, "
      "except LossGen / probe, which is LossGen's time over the bandwidth probe's (1 is the memory floor; shown for the "
      "two losses that can be memory-bound).\n")
    w("| Loss | Type | N | LossGen | Naive | TensorPrimitives | BW probe | PyTorch 1T | PyTorch "
      f"{all_threads}T | Naive / LossGen | TP / LossGen | PyTorch 1T / LossGen | LossGen / probe |")
    w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for cls, name in LOSSES:
        for typ, tname in TYPES:
            for n in SIZES:
                lg = dotnet(cls, typ, "LossGen", n)
                nv = dotnet(cls, typ, "Naive", n)
                tp = dotnet(cls, typ, "TensorPrimitives", n)
                pr = probe(typ, n) if cls in MEMORY_BOUND else None
                p1 = pt(cls, typ, n, 1)
                pa = pt(cls, typ, n, all_threads) if all_threads != 1 else None
                if all(v is None for v in (lg, nv, tp, p1, pa)):
                    continue
                w(f"| {name} | {tname} | {n:,} | {fmt_ns(lg)} | {fmt_ns(nv)} | {fmt_ns(tp)} | {fmt_ns(pr)} | {fmt_ns(p1)} | "
                  f"{fmt_ns(pa)} | {fmt_ratio(ratio(nv, lg))} | {fmt_ratio(ratio(tp, lg))} | {fmt_ratio(ratio(p1, lg))} | "
                  f"{fmt_ratio(ratio(lg, pr))} |")
    w("")

    w("## Parallelism (float, N = 16,000,000)\n")
    w("Degree 1 and 2: LossGen's `MaxDegreeOfParallelism`, or the probe's thread count. The compute probes do a fixed "
      "total of vector FMAs split between the threads and touch no memory: *throughput* keeps 12 independent chains per "
      "thread (fills the FMA pipes of one core, so two threads on SMT siblings of one core would stay near 1×), "
      "*latency* one dependent chain per thread (scales even on SMT siblings).\n")
    w("| Case | Degree 1 (ms) | Degree 2 (ms) | Speedup |")
    w("|---|--:|--:|--:|")
    for method, label in (("Focal", "LossGen Focal"), ("LogCosh", "LossGen LogCosh"),
                          ("BandwidthProbe", "Bandwidth probe (read 2, write 1)"),
                          ("ComputeThroughput", "Compute probe, throughput-bound"),
                          ("ComputeLatency", "Compute probe, latency-bound")):
        one, two = par(method, 1), par(method, 2)
        if one is None and two is None:
            continue
        w(f"| {label} | {fmt_ns(one / 1e6 if one else None)} | {fmt_ns(two / 1e6 if two else None)} | "
          f"{fmt_ratio(ratio(one, two))} |")
    w("")

    # Targets: (description, measured, target, higher_is_better)
    targets = []
    lg = dotnet("MseBenchmarks", "Single", "LossGen", 16 * M)
    targets.append(("MSE, float, N = 16M: LossGen time / bandwidth probe time", ratio(lg, probe("Single", 16 * M)), 1.15, False))
    for cls, name in (("BceWithLogitsBenchmarks", "BCE with logits"), ("FocalBenchmarks", "Focal"), ("LogCoshBenchmarks", "LogCosh")):
        lg = dotnet(cls, "Single", "LossGen", M)
        targets.append((f"{name}, float, 1M: naive / LossGen", ratio(dotnet(cls, "Single", "Naive", M), lg), 4.0, True))
        targets.append((f"{name}, float, 1M: TensorPrimitives / LossGen", ratio(dotnet(cls, "Single", "TensorPrimitives", M), lg), 2.0, True))
    for cls, name, goal in (("MseBenchmarks", "MSE", 4.0), ("HuberBenchmarks", "Huber", 2.5), ("BceWithLogitsBenchmarks", "BCE with logits", 3.0),
                            ("LogCoshBenchmarks", "LogCosh", 4.0), ("FocalBenchmarks", "Focal", 6.0)):
        targets.append((f"{name}, float, 1M: PyTorch 1 thread / LossGen", ratio(pt(cls, "Single", M, 1), dotnet(cls, "Single", "LossGen", M)), goal, True))
    for method in ("Focal", "LogCosh"):
        targets.append((f"{method}, float, 16M: degree 1 / degree 2", ratio(par(method, 1), par(method, 2)), 1.8, True))

    w("## Targets\n")
    w("| Target | Goal | Measured | Result |")
    w("|---|--:|--:|---|")
    for text, measured, goal, higher in targets:
        if measured is None:
            result = "not run"
        elif (measured >= goal) if higher else (measured <= goal):
            result = "PASS"
        else:
            short = goal / measured if higher else measured / goal
            result = f"MISS ({short:.2f}× short)"
        w(f"| {text} | {'≥' if higher else '≤'} {goal:.2f}× | {fmt_ratio(measured)} | {result} |")
    ceiling = ratio(par("ComputeThroughput", 1), par("ComputeThroughput", 2))
    if ceiling is not None:
        w("")
        w(f"Compute-only probe (throughput-bound) speedup on 2 threads: {ceiling:.2f}× — the ceiling for a compute-bound loss "
          f"on these 2 vCPUs{' (they scale: not SMT siblings of one core)' if ceiling >= 1.8 else ' (they do not scale fully)'}.")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--bdn", default=os.path.join(here, "results", "bdn"),
                        help="folder searched recursively for BenchmarkDotNet's *-report-full.json")
    parser.add_argument("--torch", default=os.path.join(here, "results", "pytorch.json"))
    parser.add_argument("--repo", default=os.path.dirname(here))
    parser.add_argument("--seconds", type=float, default=None, help="the full run's duration, to print")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    text = build(args)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
