#!/usr/bin/env bash
# The shipped integer models as codecs: float NLL against the integer model's code length, the range
# coder's overhead against the integer model's own NLL, encode and decode speed (1 and 2 threads, one
# image at a time and images in parallel), and whole against tiled coding on a 128x128 photo crop;
# the same for the codec's default, the default model blended with both classical models.
# Writes bench/results/engine.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
dotnet build bench/PixelCodec.Benchmarks -c Release -nologo -v quiet > /dev/null
pixelcodec="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"
bench="dotnet bench/PixelCodec.Benchmarks/bin/Release/net10.0/PixelCodec.Benchmarks.dll"
models=(models/*/model.pxim)
default=$(grep -o 'DefaultName = "[^"]*"' codec/PixelCodec.Library/ShippedModels.cs | cut -d'"' -f2)
coders=("${models[@]}" "models/$default/model.pxim+weighted+baseline")
mkdir -p "$work/crop"
convert "$data/photos/chelsea.png" -crop 128x128+160+80 +repage "$work/crop/chelsea-128.png"

{
  echo "# Integer models as codecs ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the start)"
  echo
  echo '`bash bench/engine/run.sh`. Speeds are sub-pixels per second, medians of 3 runs; every file was decoded back and compared pixel for pixel.'
  echo
  echo "## Float NLL against the integer model (ImageNet-32 sample, valid_32x32, 100 images)"
  echo
  echo "| model | float NLL, bits/dim (libtorch) | integer code length, bits/dim | gap |"
  echo "|---|---:|---:|---:|"
  for m in "${models[@]}"; do
    dir=$(dirname "$m")
    f=$($pixelcodec eval --model "$dir/model.pxfm" --data "$data/imagenet32-sample" | cut -d' ' -f1)
    i=$($pixelcodec eval --model "$m" --data "$data/imagenet32-sample" | cut -d' ' -f1)
    echo "| $(basename "$dir") | $f | $i | $(awk "BEGIN { printf \"%+.2f%%\", ($i / $f - 1) * 100 }") |"
  done
  echo
  echo "## Coding the ImageNet-32 sample, valid_32x32 (first 50)"
  echo
  $bench engine "$data/imagenet32-sample/valid_32x32" 50 3 whole "${coders[@]}"
  echo
  echo "## Whole against tiled: a 128x128 crop of photos/chelsea.png"
  echo
  $bench engine "$work/crop" 0 3 tiles "${coders[@]}"
} > bench/results/engine.md
cat bench/results/engine.md
