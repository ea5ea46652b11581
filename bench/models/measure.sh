#!/usr/bin/env bash
# The figures of a shipped model's card: float NLL and integer code length on the evaluation sets
# (photos: the 40 colour photographs; the codec codes the 4 grey ones with the baseline).
# Whole files and speed come from bench/engine/run.sh and the corpus comparison.
# Usage: bash bench/models/measure.sh NAME [SET...]   (default: every set below)
set -euo pipefail
cd "$(dirname "$0")/../.."
name=$1
shift
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=("imagenet32-sample/valid_32x32" "imagenet64-sample/valid_64x64" "cifar10-test-200" "photos")
data=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
pixelcodec="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"
mkdir -p "$work/cifar10-test-200"
ls "$data"/cifar10-sample/test/*.png | sort | head -n 200 | xargs -I{} cp {} "$work/cifar10-test-200/"

echo "| set | images | float NLL (bits/dim) | integer code length (bits/dim) |"
echo "|---|---:|---:|---:|"
for set in "${sets[@]}"; do
  path=$data/$set
  [ -d "$path" ] || path=$work/$set
  f=$($pixelcodec eval --model "models/$name/model.pxfm" --data "$path")
  i=$($pixelcodec eval --model "models/$name/model.pxim" --data "$path")
  echo "| $set | $(grep -o 'on [0-9]* images' <<<"$f" | cut -d' ' -f2) | $(cut -d' ' -f1 <<<"$f") | $(cut -d' ' -f1 <<<"$i") |"
done
