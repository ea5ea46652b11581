#!/usr/bin/env bash
# One comparison run, all codecs side by side, on the three evaluation sets of ../shared/data:
# the ImageNet-32 sample validation set (100), the first 200 CIFAR-10 test images, and the 44 photos.
# Writes bench/results/baseline-vs-peers/ (report.md, compare.csv, summary.csv, chart.svg).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/imagenet32-valid" "$work/cifar10-test-200" "$work/photos"
cp "$data"/imagenet32-sample/valid_32x32/*.png "$work/imagenet32-valid/"
ls "$data"/cifar10-sample/test/*.png | sort | head -n 200 | xargs -I{} cp {} "$work/cifar10-test-200/"
cp "$data"/photos/*.png "$work/photos/"

dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet
cd "$work"
dotnet "$OLDPWD/tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll" compare imagenet32-valid cifar10-test-200 photos \
  --out "$OLDPWD/bench/results/baseline-vs-peers" "$@"
