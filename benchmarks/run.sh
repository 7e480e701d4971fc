#!/usr/bin/env bash
# Runs every LossGen benchmark and PyTorch comparison, then prints one side-by-side table (also written to
# benchmarks/results/latest.md). About 10 minutes on a 2-core machine (the budget is 20).
#
#   benchmarks/run.sh                          # everything
#   benchmarks/run.sh --filter '*Focal*'       # a subset: BenchmarkDotNet globs, also applied to the PyTorch cases
#   benchmarks/run.sh --filter '*MseBenchmarks<Single>*' '*BandwidthProbe<Single>*'
#   benchmarks/run.sh --skip-torch | --skip-dotnet     # the skipped side's previous results are merged, if any
#   benchmarks/run.sh --keep --filter '*Focal*'        # re-run a subset, keeping the other cases' last results
#   benchmarks/run.sh --torch-allocator glibc          # PyTorch on glibc malloc instead of jemalloc
#
# Needs the .NET 10 SDK and, for the PyTorch columns, Debian's python3-torch and libjemalloc2
# (apt-get install -y python3-torch libjemalloc2), run with /usr/bin/python3. BenchmarkDotNet and
# System.Numerics.Tensors restore from NuGet. Other work on the machine skews the numbers: run it on an idle one.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
results="$here/results"
python="${PYTHON:-/usr/bin/python3}"
filters=()
run_dotnet=1
run_torch=1
keep=0
torch_allocator=jemalloc
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2

while [ $# -gt 0 ]; do
  case "$1" in
    --filter)
      shift
      while [ $# -gt 0 ] && [[ "$1" != --* ]]; do filters+=("$1"); shift; done
      ;;
    --skip-torch) run_torch=0; shift ;;
    --skip-dotnet) run_dotnet=0; shift ;;
    --keep) keep=1; shift ;;
    --torch-allocator) torch_allocator="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#filters[@]} -gt 0 ] || filters=('*')

if [ "$run_torch" = 1 ] && ! "$python" -c 'import torch' 2>/dev/null; then
  echo "PyTorch is missing: apt-get install -y python3-torch (or run with --skip-torch)" >&2
  exit 1
fi

mkdir -p "$results"
start=$(date +%s)
status=0
read -r load1 _ < /proc/loadavg
if awk "BEGIN { exit !($load1 > 0.5) }"; then
  echo "warning: load average $load1 before the run: other work on this machine will skew the numbers" >&2
fi

if [ "$run_dotnet" = 1 ]; then
  # Each run writes its own folder; the summary takes each case from the newest folder that has it.
  if [ "$keep" = 0 ]; then rm -rf "$results/bdn"; fi
  artifacts="$results/bdn/$(date +%Y%m%d-%H%M%S)"
  echo "== Building LossGen.Benchmarks (Release)" >&2
  dotnet build "$here/LossGen.Benchmarks/LossGen.Benchmarks.csproj" -c Release -nologo -v quiet >&2
  echo "== BenchmarkDotNet: --filter ${filters[*]}" >&2
  (cd "$here/LossGen.Benchmarks" && dotnet bin/Release/net10.0/LossGen.Benchmarks.dll \
      --filter "${filters[@]}" --artifacts "$artifacts") > "$results/dotnet.log" 2>&1 || {
    # A case whose check or run failed shows as "–" in the table; the others are still summarized.
    status=1
    echo "BenchmarkDotNet reported failures (failed cases show as –); see $results/dotnet.log:" >&2
    grep -E 'Exception|does not compute|Benchmarks with issues' -A2 "$results/dotnet.log" | head -n 40 >&2 || true
  }
  grep -E '^// Check|^Run time|^Global total time' "$results/dotnet.log" >&2 || true
fi

if [ "$run_torch" = 1 ]; then
  echo "== PyTorch: --filter ${filters[*]}" >&2
  torch_env=()
  if [ "$torch_allocator" = jemalloc ]; then
    if [ -f "$jemalloc" ]; then
      # Keep freed pages: each PyTorch op allocates its output, and returning 64 MB to the kernel after every op
      # makes the next call page-fault it in again (see pytorch_compare.py).
      torch_env=(LD_PRELOAD="$jemalloc" MALLOC_CONF="dirty_decay_ms:-1,muzzy_decay_ms:-1")
    else
      echo "warning: $jemalloc missing (apt-get install -y libjemalloc2): PyTorch runs on glibc malloc" >&2
    fi
  fi
  torch_args=(--filter "${filters[@]}" --out "$results/pytorch.json")
  if [ "$keep" = 1 ]; then torch_args+=(--merge); fi
  env "${torch_env[@]}" "$python" "$here/pytorch_compare.py" "${torch_args[@]}" > /dev/null
fi

seconds=$(( $(date +%s) - start ))
echo "== Summary (${seconds} s)" >&2
"$python" "$here/summarize.py" --bdn "$results/bdn" --torch "$results/pytorch.json" \
  --repo "$root" --seconds "$seconds" --out "$results/latest.md"
exit "$status"
