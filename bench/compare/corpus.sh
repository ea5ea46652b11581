#!/usr/bin/env bash
# The README's main job, recorded: `pixelcodec compare corpus` with the baseline, every shipped model
# and every peer codec in one run. Writes bench/results/compare-corpus/ (report.md, CSVs, chart.svg).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tool/PixelCodec.Cli -c Release -nologo -v quiet > /dev/null
dotnet tool/PixelCodec.Cli/bin/Release/net10.0/pixelcodec.dll compare corpus --out bench/results/compare-corpus "$@"
