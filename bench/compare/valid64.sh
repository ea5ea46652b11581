#!/usr/bin/env bash
# The valid_64x64 target of the models issue: the default coder and its PixelRNN alone against every
# peer codec on imagenet64-sample/valid_64x64, one run. Writes bench/results/compare-valid64/.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
dotnet src/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll compare ../shared/data/imagenet64-sample/valid_64x64 -m default -m rowlstm-h64 --out bench/results/compare-valid64 "$@"
