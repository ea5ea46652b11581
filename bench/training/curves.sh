#!/usr/bin/env bash
# A 20-minute run (default) of each architecture on the ImageNet-32 sample: its validation bits/dim
# curve. Runs one after the other so each has the machine; writes bench/results/training-curves/<arch>/
# (log.csv, curve.svg) and a summary, training-curves/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-20}
data=../shared/data/imagenet32-sample
out=bench/results/training-curves
# The run folders (checkpoints, model.pxfm) stay under artifacts/ for export and further training.
work=artifacts/training-curves
rm -rf "$work"
./training/native/build.sh
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet
pixelcodec="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"

mkdir -p "$out"
summary=""
for spec in "PixelCnn 64 6" "RowLstm 64 4" "DiagonalBiLstm 64 4"; do
  set -- $spec
  $pixelcodec train --arch "$1" --hidden "$2" --layers "$3" --head 512 --batch 16 --minutes "$minutes" \
    --valid-every 100 --checkpoint-every 100 --train "$data" --valid "$data" --out "$work/$1" > /dev/null
  mkdir -p "$out/$1"
  cp "$work/$1/log.csv" "$work/$1/curve.svg" "$out/$1/"
  last=$(grep -v ',,' "$work/$1/log.csv" | tail -n 1)
  summary+="| $1 | h=$2, $3 layers, head 512 | $(cut -d, -f1 <<<"$last") | $(cut -d, -f2 <<<"$last") | $(cut -d, -f4 <<<"$last") | [curve]($1/curve.svg) |"$'\n'
done

cat > "$out/README.md" <<MD
# ${minutes}-minute training runs ($(date -u +%Y-%m-%d), $(nproc) cores, CPU)

\`bash bench/training/curves.sh $minutes\` — each architecture trained for ${minutes} minutes of wall time on
imagenet32-sample/train_32x32 (batch 16, Adam 1e-3, gradient norm clipped to 1), validated every 100
steps on all 100 images of valid_32x32. Validation bits/dim at the end:

| architecture | size | steps | images seen | validation bits/dim | |
|---|---|---:|---:|---:|---|
${summary}
MD
cat "$out/README.md"
