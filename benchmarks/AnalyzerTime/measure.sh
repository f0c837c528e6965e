#!/usr/bin/env bash
# Measures how long the Wakers analyzers take in a real build, next to Microsoft.VisualStudio.Threading.Analyzers:
# packs the repository, builds a consumer holding the analyzer test corpus twenty times over (each copy in its own
# namespace), with -p:ReportAnalyzer=true, and prints each analyzer assembly's total from the compiler's report.
#
# usage: benchmarks/AnalyzerTime/measure.sh [--copies N] [--keep]
# env:   VSTHRD_VERSION (default 18.12.1), the Microsoft.VisualStudio.Threading.Analyzers version to compare with.
set -euo pipefail

copies=20
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) copies="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--copies N] [--keep]" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
cases="$root/tests/Wakers.Analyzers.Tests/Corpus"
vsthrd="${VSTHRD_VERSION:-18.12.1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wakers-analyzer-time.XXXXXX")"
if [ "$keep" = 0 ]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi

echo "packing Wakers ..."
if ! dotnet pack "$root/src/Wakers/Wakers.csproj" -c Release -o "$work/feed" --artifacts-path "$work/artifacts" -nodeReuse:false >"$work/pack.log" 2>&1; then
  tail -n 40 "$work/pack.log"; echo "measure: dotnet pack failed" >&2; exit 1
fi
package="$(ls "$work/feed" | grep -E '^Wakers\.[0-9].*\.nupkg$' | grep -v symbols | head -n 1)"
version="${package#Wakers.}"; version="${version%.nupkg}"

consumer="$work/consumer"
mkdir -p "$consumer"
# Fences the consumer off from any MSBuild settings above the temporary folder.
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Build.targets"
echo '<Project />' >"$work/Directory.Packages.props"
for i in $(seq -w 1 "$copies"); do
  for f in "$cases"/*.cs; do
    sed "s/^namespace Corpus\./namespace Copy$i.Corpus./" "$f" >"$consumer/copy${i}_$(basename "$f")"
  done
done
cat >"$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <NoWarn>\$(NoWarn);CS0067;CS0169;CS0414;CS0649;CS8618;CS1998</NoWarn>
    <RestoreAdditionalProjectSources>$work/feed</RestoreAdditionalProjectSources>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Wakers" Version="$version" />
    <PackageReference Include="Microsoft.VisualStudio.Threading.Analyzers" Version="$vsthrd" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML

echo "restoring (Wakers $version, Microsoft.VisualStudio.Threading.Analyzers $vsthrd) ..."
if ! dotnet restore "$consumer/Consumer.csproj" >"$work/restore.log" 2>&1; then
  tail -n 40 "$work/restore.log"
  echo "measure: restore failed: is Microsoft.VisualStudio.Threading.Analyzers $vsthrd served by the package registry? (set VSTHRD_VERSION)" >&2
  exit 1
fi

echo "building $(ls "$consumer"/*.cs | wc -l) files with -p:ReportAnalyzer=true ..."
if ! dotnet build "$consumer/Consumer.csproj" --no-restore --no-incremental -p:ReportAnalyzer=true -v:d -nodeReuse:false >"$work/build.log" 2>&1; then
  grep -E "error" "$work/build.log" | head -n 20; echo "measure: the consumer did not build" >&2; exit 1
fi

python3 - "$work/build.log" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# The csc task's report: a total line, then per analyzer assembly a line "<seconds> <percent> <name>, Version=..."
# followed by its analyzers' lines. Only the last report (the consumer's own Csc call) is read.
starts = [m.start() for m in re.finditer(r"Total analyzer execution time: ", text)]
if not starts:
    sys.exit("measure: no analyzer report in the build log (ReportAnalyzer=true needs -v:d or more)")
report = text[starts[-1]:].splitlines()
total = float(re.match(r"Total analyzer execution time: ([\d.]+)", report[0]).group(1))
assemblies, current = {}, None
for line in report[1:]:
    stripped = line.strip()
    if not stripped or stripped.startswith(("NOTE", "Time (s)")):
        continue
    m = re.match(r"(<?[\d.]+)\s+(<?\d+)\s+(.+)$", stripped)
    if not m:
        break  # the end of the report
    seconds = float(m.group(1).lstrip("<"))
    if ", Version=" in m.group(3):
        current = m.group(3).split(",")[0]
        assemblies[current] = {"seconds": seconds, "analyzers": []}
    elif current:
        assemblies[current]["analyzers"].append((seconds, m.group(3)))
def show(prefix):
    found = [(n, i) for n, i in assemblies.items() if n == prefix or n.startswith(prefix + ".")]
    if not found:
        print(f"{prefix}: not in the report")
        return None
    for name, info in found:
        print(f"{name:55} {info['seconds']:8.3f} s")
        for seconds, analyzer in sorted(info["analyzers"], reverse=True)[:12]:
            print(f"    {analyzer:75} {seconds:7.3f} s")
    return sum(i["seconds"] for _, i in found)
print(f"total analyzer execution time, every analyzer of the build: {total:.3f} s")
w = show("Wakers.Analyzers")
v = show("Microsoft.VisualStudio.Threading.Analyzers")
if w is not None and v is not None and v > 0:
    print(f"Wakers.Analyzers {w:.3f} s vs Microsoft.VisualStudio.Threading.Analyzers {v:.3f} s: {w / v:.2f}x")
PY
