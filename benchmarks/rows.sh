#!/usr/bin/env bash
# The row-wise benchmarks: softmax cross-entropy, LossGen (BenchmarkDotNet, CrossEntropyBenchmarks.cs) against the naive
# loop and PyTorch's cross_entropy forward + backward on 1 thread (pytorch_rows.py), then one table, also written to
# benchmarks/results/rows.md. About 10 minutes on a 2-core machine; needs 9 GB of memory for the double sequence batch.
#
#   benchmarks/rows.sh
#
# Needs the .NET 10 SDK, Debian's python3-torch and libjemalloc2 (apt-get install -y python3-torch libjemalloc2).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
results="$here/results"
python="${PYTHON:-/usr/bin/python3}"
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
artifacts="$results/bdn-rows"
mkdir -p "$results"
rm -rf "$artifacts"

dotnet build "$here/LossGen.Benchmarks/LossGen.Benchmarks.csproj" -c Release -nologo -v quiet >&2
(cd "$here/LossGen.Benchmarks" && dotnet bin/Release/net10.0/LossGen.Benchmarks.dll \
    --filter '*CrossEntropyBenchmarks*' --artifacts "$artifacts") > "$results/rows-dotnet.log" 2>&1

torch_env=()
if [ -f "$jemalloc" ]; then
  torch_env=(LD_PRELOAD="$jemalloc" MALLOC_CONF="dirty_decay_ms:-1,muzzy_decay_ms:-1")
fi
env "${torch_env[@]}" "$python" "$here/pytorch_rows.py" --out "$results/rows-pytorch.json" >&2

"$python" - "$artifacts" "$results/rows-pytorch.json" <<'PY' | tee "$results/rows.md"
import glob, json, sys
bdn = {}
for path in glob.glob(sys.argv[1] + "/results/*-report-full.json"):
    for b in json.load(open(path))["Benchmarks"]:
        shape = b["Parameters"].split("=")[1]
        bdn[(b["Type"], b["Method"], shape)] = b["Statistics"]["Median"] / 1e6
torch = json.load(open(sys.argv[2]))["seconds"]
print("| type | shape | LossGen ms | LossGen 2 threads ms | naive loop ms | PyTorch 1T ms | PyTorch / LossGen |")
print("|---|---|---|---|---|---|---|")
for t in ("Single", "Double"):
    for shape in ("4096x1000", "8192x32000"):
        cls = f"CrossEntropyBenchmarks<{t}>"
        ours = bdn.get((cls, "LossGen", shape))
        two = bdn.get((cls, "LossGenTwoThreads", shape))
        naive = bdn.get((cls, "Naive", shape))
        pt = torch.get(f"{cls}.PyTorch(Shape={shape})")
        cells = [f"{v:.1f}" if v else "–" for v in (ours, two, naive, pt * 1e3 if pt else None)]
        speedup = f"{pt * 1e3 / ours:.2f}×" if ours and pt else "–"
        print(f"| {t.lower().replace('single', 'float')} | {shape} | {' | '.join(cells)} | {speedup} |")
PY
