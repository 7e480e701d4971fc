#!/usr/bin/env bash
# Issue 18's build criterion: how long `dotnet build` takes after an edit of one loss body, for a console app with
# 40 losses against the same app with 1 loss (target: ratio <= 1.3x).
#
#   benchmarks/build-time.sh            # WARM=6 untimed, then RUNS=5 timed builds per app, alternating
#
# Makes both apps in a temp folder, referencing this checkout's src/LossGen.Generator (as an analyzer) and
# src/LossGen.Runtime the way samples/QuickStart does; builds each once (restore + full build), then times
# `dotnet build -c Release --no-restore` after each edit of one loss body (a constant alternating 2.0 <-> 3.0), the
# two apps' builds alternating.
# The builds use the defaults a user has: the compiler server (shared compilation) and MSBuild node reuse stay on, so
# after the warm-up builds the server is warm. The medians are taken.
# The 40 losses are the ten shapes x 4 of benchmarks/LossGen.GeneratorBenchmarks; SKIP_SHAPES=Row,Generic drops shapes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${RUNS:-5}"
skip="${SKIP_SHAPES:-}"
work="$(mktemp -d /tmp/lossgen-build-time.XXXXXX)"
# A user's build: shared compilation and node reuse as the SDK defaults them.
unset UseSharedCompilation MSBUILDDISABLENODEREUSE
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "CPU: $cpu, $(nproc) cores; flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|fma|avx512f)$' | tr '\n' ' ')"
echo "Checkout: $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')); work folder $work"
echo "SDK: $(dotnet --version); compiler server on (default), MSBuild node reuse on (default)"
echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the times)"

# member NAME V K: one loss of shape NAME, variant V, constant K (the shapes of LossGen.GeneratorBenchmarks/Workload.cs).
member() {
  local s="$1" v="$2" k="$3"
  case "$s" in
    Plain) cat <<CS
    /// <summary>Scaled squared error.</summary>
    [Loss]
    public static partial double SquaredError$v(double prediction, double target) => $k * (prediction - target) * (prediction - target);
CS
    ;;
    Hyperparameters) cat <<CS
    /// <summary>The Cauchy loss.</summary>
    [Loss]
    public static partial double Cauchy$v(double prediction, double target, [Positive] double scale = $k)
    {
        var r = (prediction - target) / scale;
        return LossMath.Log1p(r * r);
    }
CS
    ;;
    Piecewise) cat <<CS
    /// <summary>Huber's loss, written with if/else returns.</summary>
    [Loss]
    public static partial double Huber$v(double prediction, double target, [Positive] double delta = $k)
    {
        var r = Math.Abs(prediction - target);
        if (r <= delta)
        {
            return 0.5 * r * r;
        }

        return delta * (r - 0.5 * delta);
    }
CS
    ;;
    Locals) cat <<CS
    /// <summary>An asymmetric squared error with locals.</summary>
    [Loss]
    public static partial double Asymmetric$v(double prediction, double target, [Range(0, 1)] double tau = 0.$((v + 5)))
    {
        var residual = prediction - target;
        var squared = $k * residual * residual;
        var weight = residual > 0 ? tau : 1 - tau;
        return weight * squared;
    }
CS
    ;;
    LossMath) cat <<CS
    /// <summary>Binary cross-entropy on logits, with a positive-class weight, for labels 0 and 1.</summary>
    [Loss(Labels = LossLabels.ZeroOne)]
    public static partial float LogisticLoss$v(float logit, float label, [Positive] float posWeight = ${k}f)
        => posWeight * label * LossMath.Softplus(-logit) + (1f - label) * LossMath.Softplus(logit);
CS
    ;;
    Generic) cat <<CS
    /// <summary>The Huber loss in generic math, for any IEEE 754 element type.</summary>
    [Loss]
    public static partial T GenericHuber$v<T>(T prediction, T target, [Positive, Default($k)] T delta)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var residual = prediction - target;
        var size = T.Abs(residual);
        return size < delta ? T.CreateChecked(0.5) * residual * residual : delta * (size - T.CreateChecked(0.5) * delta);
    }
CS
    ;;
    ExtraDifferentiatedInput) cat <<CS
    /// <summary>Gaussian negative log-likelihood with a learned variance.</summary>
    [Loss]
    public static partial double GaussianNll$v(double prediction, double target,
        [PerElement(Differentiable = true)] double variance, [Positive] double eps = 1e-$((v + 5)))
    {
        var v = Math.Max(variance, eps);
        var r = prediction - target;
        return 0.5 * (Math.Log(v) + $k * r * r / v);
    }
CS
    ;;
    TargetLess) cat <<CS
    /// <summary>An L2 penalty on weights.</summary>
    [Loss(HasTarget = false, TypeName = "WeightDecay$v")]
    public static partial double L2$v(double weight, [Positive] double lambda = 0.0$((v + 1))) => $k * lambda * weight * weight;
CS
    ;;
    LogCosh) cat <<CS
    /// <summary>A scaled log-cosh loss.</summary>
    [Loss]
    public static partial double ScaledLogCosh$v(double prediction, double target, [Positive] double scale = $k)
        => scale * LossMath.LogCosh((prediction - target) / scale);
CS
    ;;
    Row) cat <<CS
    /// <summary>Softmax cross-entropy with label smoothing, a row-wise loss over one sample's logits.</summary>
    [Loss]
    public static partial double SmoothedCrossEntropy$v(ReadOnlySpan<double> logits, int target, [Range(0, 1)] double labelSmoothing = 0.$((v + 1)))
    {
        var lse = LossMath.LogSumExp(logits);
        return lse - (1 - labelSmoothing) * logits[target] - labelSmoothing * $k * LossMath.Mean(logits);
    }
CS
    ;;
  esac
}

constant() { case "$1" in 0) echo "2.0" ;; 1) echo "3.5" ;; 2) echo "5.0" ;; 3) echo "6.5" ;; esac; }

# shape_file DIR SHAPE VARIANTS: DIR/SHAPE.cs with the shape's first VARIANTS losses.
shape_file() {
  local dir="$1" s="$2" n="$3"
  {
    printf 'using System;\nusing LossGen;\n\nnamespace Bench.Losses;\n\n/// <summary>The %s losses.</summary>\npublic static partial class %sLosses\n{\n' "$s" "$s"
    for ((v = 0; v < n; v++)); do
      [ "$v" -gt 0 ] && echo
      member "$s" "$v" "$(constant "$v")"
    done
    echo "}"
  } > "$dir/$s.cs"
}

all_shapes=(Plain Hyperparameters Piecewise Locals LossMath Generic ExtraDifferentiatedInput TargetLess LogCosh Row)
shapes=()
for s in "${all_shapes[@]}"; do
  [[ ",$skip," == *",$s,"* ]] || shapes+=("$s")
done

# make_app NAME LOSSES: a console app with LOSSES losses (all shapes x 4, or just Plain's SquaredError0).
make_app() {
  local dir="$work/$1" n="$2"
  mkdir -p "$dir"
  cat > "$dir/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/LossGen.Runtime/LossGen.Runtime.csproj" />
    <ProjectReference Include="$root/src/LossGen.Generator/LossGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
XML
  if [ "$n" -eq 1 ]; then
    shape_file "$dir" Plain 1
  else
    for s in "${shapes[@]}"; do shape_file "$dir" "$s" 4; done
  fi
  cat > "$dir/Program.cs" <<'CS'
using System;

namespace Bench.App;

/// <summary>Entry point.</summary>
public static class Program
{
    /// <summary>Prints the first loss's formula, which shows the last edit.</summary>
    public static void Main() => Console.WriteLine(Bench.Losses.PlainLosses.SquaredError0Loss.Formula);
}
CS
}

# The edit: SquaredError0's constant, 2.0 <-> 3.0 (Plain.cs, first loss).
cat > "$work/edit.sh" <<'SH'
#!/usr/bin/env bash
f="$1/Plain.cs"
if grep -q '=> 2.0 \*' "$f"; then sed -i 's/=> 2.0 \*/=> 3.0 */' "$f"; else sed -i 's/=> 3.0 \*/=> 2.0 */' "$f"; fi
SH
chmod +x "$work/edit.sh"

n40=$(( ${#shapes[@]} * 4 ))
make_app App40 "$n40"
make_app App1 1
[ -n "$skip" ] && echo "Shapes left out: $skip"

declare -A median csc
for app in App40 App1; do
  echo "== $app: first build (restore + build) =="
  start=$(date +%s.%N)
  dotnet build -c Release "$work/$app/$app.csproj" -v q -nologo > "$work/$app.first.log" 2>&1 || { cat "$work/$app.first.log"; exit 1; }
  echo "first build: $(echo "$(date +%s.%N) - $start" | bc) s"
done

# build APP [SUMMARY]: edit one loss of APP and build it; prints the seconds taken. With SUMMARY, prints the Csc task's
# milliseconds from MSBuild's performance summary instead (the compiler with generators and analyzers; the rest of a
# build is MSBuild's own work). The summary costs time of its own, so the timed builds go without it.
build() {
  local app="$1" dir="$work/$1" start flags=()
  [ -n "${2:-}" ] && flags=(-clp:PerformanceSummary)
  "$work/edit.sh" "$dir"
  start=$(date +%s.%N)
  dotnet build -c Release --no-restore "$dir/$app.csproj" -v q -nologo "${flags[@]}" > "$work/$app.log" 2>&1 || { cat "$work/$app.log" >&2; exit 1; }
  if [ -n "${2:-}" ]; then grep -E '^ +[0-9]+ ms +Csc ' "$work/$app.log" | head -1 | awk '{print $1}'; else echo "$(date +%s.%N) - $start" | bc; fi
}

# The compiler server JIT-compiles itself (and the generator) over its first builds: a cold server made the first
# app measured look ~25% slower. So both apps are warmed alike (WARM untimed builds each, alternating), and the timed
# builds alternate too, so that drift on a shared machine falls on both.
for ((i = 0; i < ${WARM:-6}; i++)); do build App40 > /dev/null; build App1 > /dev/null; done
declare -a t40 t1 c40 c1 pair
for ((i = 0; i < runs; i++)); do
  a=$(build App40); b=$(build App1)
  t40+=("$a"); t1+=("$b"); pair+=("$(echo "scale=4; $a / $b" | bc)")
  echo "edit $((i + 1)): 40 losses $a s, 1 loss $b s"
done
for ((i = 0; i < 3; i++)); do c40+=("$(build App40 summary)"); c1+=("$(build App1 summary)"); done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
median[App40]=$(med "${t40[@]}"); median[App1]=$(med "${t1[@]}")
csc[App40]=$(med "${c40[@]}"); csc[App1]=$(med "${c1[@]}")
for app in App40 App1; do echo "$app prints: $(dotnet "$work/$app/bin/Release/net10.0/$app.dll")"; done
echo "Median Csc task: 40 losses ${csc[App40]} ms, 1 loss ${csc[App1]} ms; median of the pairwise ratios: $(med "${pair[@]}")x"

ratio=$(echo "scale=3; ${median[App40]} / ${median[App1]}" | bc)
printf 'Build after editing one loss (dotnet build -c Release --no-restore, median of %s): %s losses %.2f s, 1 loss %.2f s, ratio %.2fx (issue 18 target <= 1.3x)\n' \
  "$runs" "$n40" "${median[App40]}" "${median[App1]}" "$ratio"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Measured with the default compiler server (shared compilation) and node reuse on; shutting the build servers down."
dotnet build-server shutdown > /dev/null 2>&1 || true
rm -rf "$work"
