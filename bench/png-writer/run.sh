#!/usr/bin/env bash
# Our PNG writer against ImageMagick's `-define png:compression-level=9`, total bytes over a folder
# of PNGs (default: the ImageNet-32 sample validation set). Writes bench/results/png-writer.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source_dir=${1:-../shared/data/imagenet32-sample/valid_32x32}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build bench/PixelCodec.Benchmarks -c Release -nologo -v quiet
mkdir -p "$work/imagemagick"
for f in "$source_dir"/*.png; do
  convert "$f" -define png:compression-level=9 "$work/imagemagick/$(basename "$f")"
done
dotnet bench/PixelCodec.Benchmarks/bin/Release/net10.0/PixelCodec.Benchmarks.dll png-rewrite "$source_dir" "$work/ours"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }
count=$(ls "$source_dir"/*.png | wc -l)
original=$(cat "$source_dir"/*.png | wc -c)
im=$(cat "$work"/imagemagick/*.png | wc -c)
ours=$(cat "$work"/ours/*.png | wc -c)
mkdir -p bench/results
cat > bench/results/png-writer.md <<MD
# PNG writer size ($(date -u +%Y-%m-%d), $(nproc) cores)

\`bash bench/png-writer/run.sh $source_dir\` — $count files, every one of ours read back pixel-exact.

| writer | total bytes | vs ImageMagick |
|---|---:|---:|
| the files as shipped | $original | $(ratio "$original" "$im") |
| ImageMagick $(convert -version | head -1 | awk '{print $3}') \`-define png:compression-level=9\` | $im | 1.0000 |
| PixelCodec PngWriter | $ours | $(ratio "$ours" "$im") |
MD
cat bench/results/png-writer.md
