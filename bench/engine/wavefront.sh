#!/usr/bin/env bash
# The wavefront decoder (format version 5) against the position-by-position raster decoder it replaces,
# on a 768x512 photograph (a crop of photos/picosdeeuropa_by_Aitzol_Berasategi.png): the default and
# its Row LSTM alone, each coded by BEFORE (a build of an earlier commit: raster order) and by AFTER
# (this tree's: a wavefront), encoded on 1 and 2 threads and decoded by the build that wrote it on 1 and
# 2 threads (one image, one plane: two threads help only inside the plane). Medians of 3 runs
# of wall-clock and user CPU seconds (process start and PNG writing included), file sizes, and every
# decode compared with the original. Run it with the machine otherwise idle (pause training).
# Usage: bash bench/engine/wavefront.sh BEFORE/pixelcodec AFTER/pixelcodec > bench/results/wavefront.md
set -euo pipefail
before=${1:?usage: wavefront.sh BEFORE AFTER}
after=${2:?usage: wavefront.sh BEFORE AFTER}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert ../shared/data/photos/picosdeeuropa_by_Aitzol_Berasategi.png -crop 768x512+0+0 +repage "$work/photo.png"
convert "$work/photo.png" rgb:"$work/photo.rgb"
subpixels=$((768 * 512 * 3))
median() { sort -n | sed -n 2p; }
# Runs "$@" three times; prints the median wall-clock and user seconds.
timed() {
  for _ in 1 2 3; do /usr/bin/time -f "%e %U" -o "$work/time" "$@" > /dev/null 2>&1; cat "$work/time"; done > "$work/times"
  echo "$(cut -d' ' -f1 "$work/times" | median) $(cut -d' ' -f2 "$work/times" | median)"
}

echo "# Wavefront decoding ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the start)"
echo
echo "\`bash bench/engine/wavefront.sh BEFORE AFTER\` on a 768x512 crop of photos/picosdeeuropa_by_Aitzol_Berasategi.png"
echo "($subpixels sub-pixels): medians of 3 runs, wall-clock and user CPU seconds, process start and PNG writing included."
echo "BEFORE codes raster order and decodes position by position; AFTER codes the colour plane in a wavefront."
echo
echo "| model | build | file bytes | encode s, 1 thread | encode s, 2 threads | decode s, 1 thread (user) | decode s, 2 threads (user) | decode sub-pixels/s, 1 thread | 2 threads / 1 (decode) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for model in default rowlstm-h64; do
  for build in before after; do
    pixelcodec=$([ "$build" = before ] && echo "$before" || echo "$after")
    read -r encode2 _ <<<"$(timed "$pixelcodec" encode -m "$model" --threads 2 "$work/photo.png" "$work/$build-$model.prnn")"
    cp "$work/$build-$model.prnn" "$work/two-threads.prnn"
    read -r encode _ <<<"$(timed "$pixelcodec" encode -m "$model" --threads 1 "$work/photo.png" "$work/$build-$model.prnn")"
    cmp -s "$work/$build-$model.prnn" "$work/two-threads.prnn" || { echo "$build $model: 1 and 2 threads wrote different files" >&2; exit 1; }
    read -r one one_user <<<"$(timed "$pixelcodec" decode --threads 1 "$work/$build-$model.prnn" "$work/back.png")"
    convert "$work/back.png" rgb:- | cmp -s - "$work/photo.rgb" || { echo "$build $model: decoded pixels differ" >&2; exit 1; }
    read -r two two_user <<<"$(timed "$pixelcodec" decode --threads 2 "$work/$build-$model.prnn" "$work/back.png")"
    convert "$work/back.png" rgb:- | cmp -s - "$work/photo.rgb" || { echo "$build $model: decoded pixels differ" >&2; exit 1; }
    echo "| $model | $build | $(stat -c %s "$work/$build-$model.prnn") | $encode | $encode2 | $one ($one_user) | $two ($two_user) | $(awk -v n="$subpixels" -v s="$one" 'BEGIN { printf "%d", n / s }') | $(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2fx", a / b }') |"
  done
done
