#!/usr/bin/env bash
# Softmax cross-entropy, this checkout against another (e.g. a worktree at the commit before a change), on this machine:
# forward and forward + backward, 4096 × 1000 and 65536 × 10, float and double. Builds benchmarks/RowCompare once per
# checkout, alternates the two for ROUNDS rounds (TieredCompilation off, as BenchConfig), and prints each case's
# median over the rounds of the per-round medians and the ratio this / other.
#
#   benchmarks/compare-rows.sh /path/to/other/checkout [ROUNDS]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
this="$(cd "$here/.." && pwd)"
other="$(cd "$1" && pwd)"
rounds="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for side in this other; do
  root=$([ "$side" = this ] && echo "$this" || echo "$other")
  mkdir -p "$work/$side"
  cp "$here/RowCompare/RowCompare.csproj" "$here/RowCompare/Program.cs" "$work/$side/"
  dotnet build "$work/$side/RowCompare.csproj" -c Release -nologo -v quiet -p:LossGenRoot="$root" -o "$work/$side/out" >&2
done

export DOTNET_TieredCompilation=0
for _ in $(seq "$rounds"); do
  dotnet "$work/this/out/RowCompare.dll" this
  dotnet "$work/other/out/RowCompare.dll" other
done > "$work/results.tsv"

python3 - "$work/results.tsv" <<'PY'
import collections, statistics, sys
times = collections.defaultdict(list)
cases = []
for line in open(sys.argv[1]):
    side, case, ms = line.rstrip("\n").split("\t")
    times[(case, side)].append(float(ms))
    if case not in cases:
        cases.append(case)
print("| case | other ms | this ms | this / other |")
print("|---|---|---|---|")
for case in cases:
    other, this = statistics.median(times[(case, "other")]), statistics.median(times[(case, "this")])
    print(f"| {case} | {other:.3f} | {this:.3f} | {this / other:.3f} |")
PY
