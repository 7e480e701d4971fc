#!/usr/bin/env bash
# Follows the README's Install section as a new user would, in a fresh folder: runs the README's own lines (read out of
# README.md, so this fails when they change and stop working), with the feed folder moved into a temporary folder and
# an empty NUGET_PACKAGES. Then a new console project installs LossGen with the README's `dotnet add package` line,
# builds and runs pack-and-consume's consumer program, which prints CONSUMER OK.
# Usage: tests/Packaging/readme-install.sh   (from anywhere; .ci/run runs it)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/lossgen-readme.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/packages"

fail() { echo "readme-install: $*" >&2; exit 1; }

# The n-th ```bash block of the README's Install section.
block() {
  awk -v want="$1" '
    /^## / { in_section = ($0 == "## Install") }
    in_section && /^```bash$/ { n++; inside = (n == want); next }
    inside && /^```$/ { inside = 0; next }
    inside { print }
  ' "$repo/README.md"
}

pack="$(block 1)"
install="$(block 2)"
[ -n "$pack" ] && [ -n "$install" ] || fail "the README's Install section lacks its two bash blocks"
feed_line="$(head -n 1 <<<"$pack")"
[[ "$feed_line" == feed=* ]] || fail "the pack block does not start by naming the feed folder (feed=…): $feed_line"
feed_path="${feed_line#feed=}"
grep -q -- "--source $feed_path" <<<"$install" || fail "the install lines do not use the folder the pack lines fill ($feed_path)"

echo "== the README's pack lines, in the clone, with $feed_path as $work/feed"
(cd "$repo" && feed="$work/feed" && eval "$(tail -n +2 <<<"$pack")")
for package in LossGen LossGen.MLNet LossGen.LightGbm; do
  ls "$work/feed/$package".[0-9]*.nupkg >/dev/null 2>&1 || fail "the pack lines made no $package package"
done

echo "== a new console project, and the README's first install line"
dotnet new console -o "$work/app" --framework net10.0 >/dev/null
cp "$here/Consumer/Program.cs" "$work/app/Program.cs"
line="$(grep -m 1 '^dotnet add package LossGen ' <<<"$install" | sed 's/ *#.*//')"
[ -n "$line" ] || fail "the README has no 'dotnet add package LossGen' line"
(cd "$work/app" && eval "${line//"$feed_path"/"$work/feed"}")
output="$(cd "$work/app" && dotnet run -c Release)" || { echo "$output"; fail "the installed consumer exited with an error"; }
grep -qx "CONSUMER OK" <<<"$output" || { echo "$output"; fail "the installed consumer did not report CONSUMER OK"; }
echo "readme-install: the README's Install lines pack, install, build and run"
