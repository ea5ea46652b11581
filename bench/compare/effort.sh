#!/usr/bin/env bash
# --effort 1 against --effort 2 (whole files, the colour plane's chosen model printed per image) on the
# first 10 images of photos-half/valid and the first 20 of valid_32x32.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
cli="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for set in "../shared/data/photos-half/valid:10" "../shared/data/imagenet32-sample/valid_32x32:20"; do
  folder=${set%%:*} count=${set##*:} e1=0 e2=0 subpixels=0
  for f in $(ls "$folder"/*.png | head -n "$count"); do
    $cli encode "$f" "$work/e1.prnn" 2>/dev/null
    $cli encode "$f" "$work/e2.prnn" --effort 2 2>/dev/null
    e1=$((e1 + $(stat -c %s "$work/e1.prnn"))) e2=$((e2 + $(stat -c %s "$work/e2.prnn")))
    read -r w h < <(identify -format "%w %h" "$f")
    subpixels=$((subpixels + w * h * 3))
    $cli info "$work/e2.prnn" | grep "plane 0"
  done
  echo "$folder, first $count: effort 1 $(awk "BEGIN { printf \"%.4f\", $e1 * 8 / $subpixels }"), effort 2 $(awk "BEGIN { printf \"%.4f\", $e2 * 8 / $subpixels }") bits/sub-pixel"
done
