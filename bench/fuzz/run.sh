#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser: bash bench/fuzz/run.sh TARGET SECONDS [SEED]
# Publishes tests/PixelCodec.Fuzz to artifacts/fuzz/bin, instruments PixelCodec's own assemblies there
# with SharpFuzz (the normal build stays untouched), and runs AFL++ on TARGET from its seeds in
# tests/fuzz/seeds/TARGET for SECONDS (with SEED, AFL++'s random seed, fixed: -s). Findings go to
# artifacts/fuzz/TARGET/default/{crashes,hangs}; a summary line (executions, paths, crashes, hangs)
# is printed and appended to artifacts/fuzz/summary.tsv. Exit 1 when there is a crash or a hang.
# Needs afl++ (Debian) and SharpFuzz.CommandLine (installed here under artifacts/tools).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: run.sh TARGET SECONDS [SEED]}
seconds=${2:?usage: run.sh TARGET SECONDS [SEED]}
seed=${3:-}
[ -d "tests/fuzz/seeds/$target" ] || { echo "no seeds for '$target' in tests/fuzz/seeds" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++" >&2; exit 2; }

tools=artifacts/tools
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
bin=artifacts/fuzz/bin
# One instrumented publish serves every target; rebuilt when the sources are newer.
stamp="$bin/.instrumented"
mkdir -p artifacts/fuzz
exec 9>artifacts/fuzz/.build.lock
flock 9 # runs started together build once
if [ ! -f "$stamp" ] || [ -n "$(find codec codec/PixelCodec.Engine tests/PixelCodec.Fuzz -name '*.cs' -newer "$stamp" -print -quit)" ]; then
  rm -rf "$bin"
  dotnet publish tests/PixelCodec.Fuzz -c Release -o "$bin" -nologo -v quiet >/dev/null
  for dll in PixelCodec.Imaging PixelCodec.Entropy PixelCodec.Modeling PixelCodec.Container PixelCodec.Engine; do
    "$tools/sharpfuzz" "$bin/$dll.dll" >/dev/null
  done
  touch "$stamp"
fi
flock -u 9

out=artifacts/fuzz/$target
rm -rf "$out"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_QUIET=1
# -t: an input taking over 5 s is a hang (bounded work makes the slowest real one far faster);
# -m none: .NET reserves far more address space than it uses.
afl-fuzz -i "tests/fuzz/seeds/$target" -o "$out" -t 5000 -m none -V "$seconds" ${seed:+-s "$seed"} \
  -- dotnet "$bin/PixelCodec.Fuzz.dll" "$target" > "$out.log" 2>&1 || {
    tail -n 20 "$out.log" >&2
    # Under SharpFuzz the harness is its own fork server: an input that times out gets the whole
    # process killed, and AFL++ then stops. Once fuzzing had started, that is a hang found.
    if [ -f "$out/default/fuzzer_stats" ]; then
      echo "$target: the harness died after fuzzing began (a hang, or a crash .NET cannot catch); the input: $out/default/.cur_input" >&2
      exit 1
    fi
    exit 2
  }

stats=$out/default/fuzzer_stats
value() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
line="$(date -u +%Y-%m-%dT%H:%MZ)	$target	$(value run_time) s	$(value execs_done) executions	$(value corpus_count) paths	$(value bitmap_cvg) coverage	$crashes crashes	$hangs hangs"
echo "$line" | tee -a artifacts/fuzz/summary.tsv
[ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]
