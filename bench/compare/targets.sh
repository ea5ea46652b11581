#!/usr/bin/env bash
# The models issue's targets: the default coder and its PixelRNN alone against every peer codec on
# imagenet32-sample/valid_32x32 and imagenet64-sample/valid_64x64, one run per set.
# Writes bench/results/compare-valid32/ and bench/results/compare-valid64/.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
for set in imagenet32-sample/valid_32x32:valid32 imagenet64-sample/valid_64x64:valid64; do
  dotnet src/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll compare "../shared/data/${set%%:*}" -m default -m rowlstm-h64 --out "bench/results/compare-${set##*:}" "$@"
done
