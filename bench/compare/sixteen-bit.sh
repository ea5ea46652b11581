#!/usr/bin/env bash
# 16-bit images against JPEG XL, which also codes them losslessly. There are no 16-bit images in
# ../shared/data, so this makes some from the full-size photographs: box-reduced by 2 (averages of
# four 8-bit samples, so the low bytes take few values) and Lanczos-reduced by 2 (low bytes spread
# out), both at depth 16 with ImageMagick. Bits per 16-bit sample; every .prnn file decoded back and
# compared with the input. Writes Markdown to standard output.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
pixelcodec=tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec
bits() { echo "$1 $2" | awk '{ printf "%.3f", $1 * 8 / $2 }'; }

echo "# 16-bit images against JPEG XL ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo '`bash bench/compare/sixteen-bit.sh`: bits per 16-bit sample. `cjxl -d 0 -e 9`; PixelCodec `default` and `-m weighted`.'
echo
echo "| image | samples | default | weighted | JPEG XL | default / JPEG XL |"
echo "|---|---:|---:|---:|---:|---:|"
for name in chelsea coffee astronaut camera; do
  for filter in Box Lanczos; do
    image="$work/$name-${filter,,}.png"
    convert "../shared/data/photos/$name.png" -depth 16 -filter "$filter" -resize 50% -define png:bit-depth=16 "$image"
    read -r width height channels < <(identify -format '%w %h %[channels]\n' "$image" | awk '{ print $1, $2, ($3 ~ /gray/ ? 1 : 3) }')
    samples=$((width * height * channels))
    "$pixelcodec" encode --threads 1 "$image" "$work/d.prnn" 2> /dev/null
    "$pixelcodec" encode --threads 1 -m weighted "$image" "$work/w.prnn" 2> /dev/null
    "$pixelcodec" decode "$work/d.prnn" "$work/back.png"
    [ "$(convert "$image" -depth 16 rgba:- | sha256sum)" = "$(convert "$work/back.png" -depth 16 rgba:- | sha256sum)" ] || { echo "$image did not decode exactly" >&2; exit 1; }
    cjxl -d 0 -e 9 "$image" "$work/j.jxl" > /dev/null 2>&1
    d=$(stat -c %s "$work/d.prnn") w=$(stat -c %s "$work/w.prnn") j=$(stat -c %s "$work/j.jxl")
    echo "| $name, ${filter,,}, ${width}x${height} | $samples | $(bits "$d" "$samples") | $(bits "$w" "$samples") | $(bits "$j" "$samples") | $(echo "$d $j" | awk '{ printf "%.3f", $1 / $2 }') |"
  done
done
