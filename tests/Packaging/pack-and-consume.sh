#!/usr/bin/env bash
# Packs LossGen, LossGen.MLNet and LossGen.LightGbm with a unique prerelease version into a folder feed, then
# builds and runs a fresh consumer project for each with nothing but a PackageReference, restored into an empty
# NUGET_PACKAGES folder: a real user's build, with no project references and no package cached from before.
# The LossGen consumer is also published with Native AOT.
# Usage: tests/Packaging/pack-and-consume.sh   (from anywhere; .ci/run runs it)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$"
work="$(mktemp -d "${TMPDIR:-/tmp}/lossgen-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
export NUGET_PACKAGES="$work/packages"

fail() { echo "pack-and-consume: $*" >&2; exit 1; }

echo "== packing $version"
for project in LossGen.Runtime LossGen.MLNet LossGen.LightGbm; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release -o "$feed" -p:Version="$version" -warnaserror -nologo -v:q
done

echo "== package layout"
layout="$(unzip -Z1 "$feed/LossGen.$version.nupkg")"
for entry in lib/net10.0/LossGen.Runtime.dll lib/net10.0/LossGen.Runtime.xml analyzers/dotnet/cs/LossGen.Generator.dll \
             analyzers/dotnet/cs/LossGen.CodeFixes.dll README.md LICENSE; do
  grep -qx "$entry" <<<"$layout" || fail "LossGen.$version.nupkg lacks $entry"
done
if grep -q '^lib/.*\(Generator\|CodeFixes\)' <<<"$layout"; then fail "a compiler extension is packed as a library"; fi
nuspec="$(unzip -p "$feed/LossGen.$version.nupkg" LossGen.nuspec)"
for element in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git"' '<tags>' '<description>'; do
  grep -qF "$element" <<<"$nuspec" || fail "LossGen.nuspec lacks $element"
done
if grep -q '<dependency id="Microsoft.CodeAnalysis' <<<"$nuspec"; then fail "LossGen depends on Roslyn"; fi
for package in LossGen.MLNet LossGen.LightGbm; do
  unzip -p "$feed/$package.$version.nupkg" "$package.nuspec" | grep -q "<dependency id=\"LossGen\" version=\"$version\" include=\"All\" />" \
    || fail "$package does not bring LossGen, with its analyzers, at $version"
done

# One consumer: copy it out of the repository (no Directory.Build.props of ours applies), build it with warnings
# as errors against the feed, run it, and require its own check to pass.
consume() {
  local name=$1 dir="$work/$1"
  echo "== $name"
  cp -r "$here/$name" "$dir"
  cat > "$dir/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="lossgen" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="lossgen"><package pattern="LossGen" /><package pattern="LossGen.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
  dotnet build "$dir" -c Release -p:LossGenVersion="$version" -warnaserror -nologo -v:q
  local output
  output="$(dotnet run --project "$dir" -c Release --no-build)" || { echo "$output"; fail "$name exited with an error"; }
  echo "$output"
  grep -qx "CONSUMER OK" <<<"$output" || fail "$name did not report CONSUMER OK"
}

consume Consumer
consume ConsumerMLNet
consume ConsumerLightGbm

# The runtime is AOT-compatible: the consumer published with Native AOT, trim and AOT warnings as errors, runs
# natively and passes the same checks.
echo "== Consumer, Native AOT"
dotnet publish "$work/Consumer" -c Release -p:LossGenVersion="$version" -p:PublishAot=true -warnaserror -nologo -v:q -o "$work/aot"
aot_output="$("$work/aot/Consumer")" || { echo "$aot_output"; fail "the Native AOT consumer exited with an error"; }
grep -qx "CONSUMER OK" <<<"$aot_output" || { echo "$aot_output"; fail "the Native AOT consumer did not report CONSUMER OK"; }
echo "CONSUMER OK (Native AOT)"

# The analyzers ship too: a naive Log(1 + Exp(x)) in the consumer's loss must be reported, at its line.
echo "== analyzers from the package"
cat > "$work/Consumer/Naive.cs" <<'NAIVE'
public static partial class Naive
{
    [LossGen.Loss]
    public static partial double Softplus(double prediction, double target) => System.Math.Log(1 + System.Math.Exp(prediction)) - target;
}
NAIVE
if build="$(dotnet build "$work/Consumer" -c Release -p:LossGenVersion="$version" -warnaserror -nologo -v:q 2>&1)"; then
  fail "the naive Log(1 + Exp(x)) built without LG0018"
fi
grep -q "Naive.cs(4,.*LG0018" <<<"$build" || { echo "$build"; fail "LG0018 was not reported at Naive.cs line 4"; }
echo "LG0018 reported at Naive.cs line 4"

echo "pack-and-consume: all packages install, build and run ($version)"
