#!/usr/bin/env bash
# The thumbnail targets: the default coder, its PixelRNN alone and the classical experts against every
# peer codec on imagenet32-sample/valid_32x32, imagenet64-sample/valid_64x64 and the CIFAR-10 test
# sample, one run per set. Writes bench/results/compare-valid32/, compare-valid64/ and compare-cifar10/.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
for set in imagenet32-sample/valid_32x32:valid32 imagenet64-sample/valid_64x64:valid64 cifar10-sample/test:cifar10; do
  dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll compare "../shared/data/${set%%:*}" -m default -m rowlstm-h64 -m weighted -m baseline --out "bench/results/compare-${set##*:}" "$@"
done
