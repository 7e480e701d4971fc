#!/usr/bin/env bash
# The first calls of a process: one fresh process per loss, here and (given a path) against another checkout's runtime,
# alternating. Prints the CPU, the vector ISA and, per loss, call 1, calls 2-5, 6-20, 21-50 and steady state in ns per
# element (ValueAndGradient, Mean, 1M floats).
#
#   bash benchmarks/FirstCalls/run.sh [/path/to/other/checkout]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
grep -m1 "model name" /proc/cpuinfo || true
build() { dotnet build "$here/FirstCalls.csproj" -c Release -nologo -v quiet -p:LossGenRoot="$1" -o "$2" >&2; }
build "$here/../.." /tmp/firstcalls-here
[ $# -gt 0 ] && build "$1" /tmp/firstcalls-other
for loss in MSE Huber BCEWithLogits LogCosh Focal; do
  echo "here:  $(dotnet /tmp/firstcalls-here/FirstCalls.dll $loss)"
  [ $# -gt 0 ] && echo "other: $(dotnet /tmp/firstcalls-other/FirstCalls.dll $loss)"
done
