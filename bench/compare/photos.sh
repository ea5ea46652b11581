#!/usr/bin/env bash
# The photographs issue's targets: the default coder, the classical experts alone and every peer codec,
# one run per set, on photos-half/valid (100 photographs at half size) and the 40 colour images of
# photos/ (the 4 grey ones left out, as the targets say). Writes bench/results/compare-photos-half/
# and bench/results/compare-photos-colour/.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/photos-colour"
for f in "$data"/photos/*.png; do
  # PNG colour type (byte 25): 2 RGB, 3 palette, 6 RGBA are colour; 0 and 4 are grey.
  case $(od -An -tu1 -j25 -N1 "$f" | tr -d ' ') in 2|3|6) cp "$f" "$work/photos-colour/" ;; esac
done

dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
cli="dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll"
$cli compare "$data/photos-half/valid" -m default -m weighted -m baseline --out bench/results/compare-photos-half "$@"
$cli compare "$work/photos-colour" -m default -m weighted -m baseline --out bench/results/compare-photos-colour "$@"
