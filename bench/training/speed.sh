#!/usr/bin/env bash
# Training images/s on this machine, batch 16 of 32x32 (ImageNet-32 sample), for the three
# architectures at the sizes of issue 3. Each trains 40 steps from scratch; the figure is the median
# of its 10-step log windows, leaving out the first (start-up) and the last (it includes validation).
# Writes bench/results/training-speed.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/imagenet32-sample
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./training/native/build.sh
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet
pixelcodec="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"

rows=""
for spec in "PixelCnn 64 6" "RowLstm 64 4" "DiagonalBiLstm 64 4"; do
  set -- $spec
  load=$(cut -d' ' -f1 /proc/loadavg)
  $pixelcodec train --arch "$1" --hidden "$2" --layers "$3" --head 512 --batch 16 --steps 40 \
    --valid-every 100000 --valid-images 16 --checkpoint-every 100000 \
    --train "$data" --valid "$data" --out "$work/$1" > /dev/null
  median=$(tail -n +3 "$work/$1/log.csv" | head -n -1 | cut -d, -f6 | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  rows+="| $1 | h=$2, $3 layers, head 512 | $median | $load |"$'\n'
done

mkdir -p bench/results
cat > bench/results/training-speed.md <<MD
# Training speed ($(date -u +%Y-%m-%d), $(nproc) cores, CPU libtorch $(dpkg-query -W -f='${Version}' libtorch-dev 2>/dev/null || echo unknown))

\`bash bench/training/speed.sh\` — batch 16 of 32x32 ImageNet-32 sample images, Adam, median images/s
over 10-step windows. Yardstick (DESIGN.md): a Python torch 1.13 PixelCNN of the first size trains at
about 19 images/s on 2 threads here. The machine is shared: the load average at the start of each run
is beside it.

| architecture | size | images/s | load average |
|---|---|---:|---:|
${rows}
MD
cat bench/results/training-speed.md
