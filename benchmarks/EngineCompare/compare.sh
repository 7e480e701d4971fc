#!/usr/bin/env bash
# Usage: bash benchmarks/EngineCompare/compare.sh /path/to/other/checkout
# ns per element (float, 2^20 elements, best of 15, 1 thread, full JIT) of MSE, Huber, BCE with logits, LogCosh and
# Focal: ValueAndGradient (VG), Value (V), Gradient (G), GradientAndHessian (GH), for this checkout and the other, at
# the machine's widest vectors, at 256 bits, at 128 bits without FMA, and on the scalar path (no SIMD).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
other="$(cd "$1" && pwd)"
out="$(mktemp -d)"
for build in this other; do
  root="$here"; [ "$build" = other ] && root="$other"
  mkdir -p "$out/$build"
  cp "$here/benchmarks/EngineCompare/Program.cs" "$here/benchmarks/EngineCompare/EngineCompare.csproj" "$out/$build/"
  dotnet build "$out/$build" -c Release -o "$out/$build/bin" -p:LossGenRoot="$root" > "$out/$build.log" || { cat "$out/$build.log"; exit 1; }
done
grep -m1 'model name' /proc/cpuinfo
for setting in "" "DOTNET_PreferredVectorBitWidth=256" "DOTNET_EnableAVX2=0" "DOTNET_EnableHWIntrinsic=0"; do
  for build in this other; do
    echo "== $build ${setting:-widest}"
    env $setting DOTNET_TieredCompilation=0 dotnet "$out/$build/bin/EngineCompare.dll"
  done
done
