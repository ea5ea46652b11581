#!/usr/bin/env bash
# Data-parallel training on this machine: 1 process against 2 local workers (train --nproc 2), the
# default Row LSTM (h=64, 4 layers, head 512), batch 16 of 32x32 ImageNet-32 sample images, 60 steps
# from the same start. 1 process uses all cores; each worker 1 core (--nproc shares them). The
# 2-worker run is measured with 1 MiB gradient buckets (the default: all-reduce overlaps backward)
# and with one bucket (the whole gradient reduced after backward: the full all-reduce's cost).
# images/s: median of the 10-step log windows, leaving out the first and the last; all-reduce wait:
# rank 0's time blocked on the gradient all-reduce after backward, per step.
# Writes bench/results/distributed-training.md. Run it alone: it is a timing.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/imagenet32-sample
steps=${1:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./training/native/build.sh
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet
pixelcodec="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"

rows=""
run() { # name, extra arguments...
  local name=$1
  shift
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  local line
  line=$($pixelcodec train --arch RowLstm --hidden 64 --layers 4 --head 512 --batch 16 --steps "$steps" --seed 5 \
    --valid-every 100000 --valid-images 16 --checkpoint-every 100000 \
    --train "$data" --valid "$data" --out "$work/$name" "$@" | tail -n 1)
  local median
  median=$(tail -n +3 "$work/$name/log.csv" | head -n -1 | cut -d, -f6 | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  local wait_ms="-"
  if [[ $line =~ ([0-9.]+)\ s\ for\ gradient\ all-reduces ]]; then
    wait_ms=$(awk -v s="${BASH_REMATCH[1]}" -v n="$steps" 'BEGIN { printf "%.1f", s * 1000 / n }')
  fi
  local valid
  valid=$(sed -E 's/.*validation ([0-9.]+) bits\/dim.*/\1/' <<<"$line")
  rows+="| $name | $median | $wait_ms | $valid | $load |"$'\n'
}
run "1 process, $(nproc) threads"
run "2 workers, 1 MiB buckets" --nproc 2
run "2 workers, one bucket" --nproc 2 --bucket-kib 65536

mkdir -p bench/results
cat > bench/results/distributed-training.md <<MD
# Data-parallel training on one machine ($(date -u +%Y-%m-%d), $(nproc) cores, CPU libtorch $(dpkg-query -W -f='${Version}' libtorch-dev 2>/dev/null || echo unknown), Gloo on loopback)

\`bash bench/training/distributed.sh $steps\` — Row LSTM h=64, 4 layers, head 512 (1,096,576 weights,
4.4 MB of float32 gradients), batch 16 of 32x32 images (8 per worker), Adam, $steps steps, seed 5.
all-reduce wait: per step, what rank 0 spent blocked on the gradient all-reduce after backward;
with one bucket that is the whole all-reduce, with 1 MiB buckets what overlapping did not hide.
validation: bits/dim on 16 images after the run (the runs follow the same trajectory to float rounding).

| run | images/s | all-reduce wait (ms/step) | validation | load average |
|---|---:|---:|---:|---:|
${rows}
MD
cat bench/results/distributed-training.md
