#!/usr/bin/env bash
# Tiles of a plane decoded in step against one at a time, and the encoder's row kernel: the same
# files decoded and encoded by two builds of pixelcodec (BEFORE: e.g. a build of an earlier commit;
# AFTER: this tree's), one thread, best user CPU seconds of 3 runs (the least disturbed by other work
# on a shared machine). Every output is compared byte for byte between the two builds.
# Usage: bash bench/engine/tiles-in-step.sh BEFORE/pixelcodec AFTER/pixelcodec > bench/results/tiles-in-step.md
set -euo pipefail
before=${1:?usage: tiles-in-step.sh BEFORE AFTER}
after=${2:?usage: tiles-in-step.sh BEFORE AFTER}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert ../shared/data/photos/chelsea.png -crop 384x256+0+0 +repage "$work/photo.png"
best() { for _ in 1 2 3; do /usr/bin/time -f "%U" -o "$work/time" "$@" > /dev/null 2>&1; cat "$work/time"; done | sort -n | head -1; }

echo "# Blocked kernels and tiles decoded in step ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the start)"
echo
echo "\`bash bench/engine/tiles-in-step.sh BEFORE AFTER\` on a 384x256 crop of photos/chelsea.png, one thread,"
echo "best user CPU seconds of 3 runs (process start and PNG writing included, about 0.3 s)."
echo
echo "| job | before, s | after, s | before / after |"
echo "|---|---:|---:|---:|"
for model in rowlstm-h64 default; do
  for tile in 0 64; do
    "$after" encode -m "$model" --tile "$tile" --threads 1 "$work/photo.png" "$work/a.prnn" 2> /dev/null
    b=$(best "$before" decode --threads 1 "$work/a.prnn" "$work/b.png")
    a=$(best "$after" decode --threads 1 "$work/a.prnn" "$work/c.png")
    cmp -s "$work/b.png" "$work/c.png" || { echo "decoded images differ" >&2; exit 1; }
    echo "| decode, $model, $([ "$tile" = 0 ] && echo whole || echo "tiles of $tile") | $b | $a | $(awk -v b="$b" -v a="$a" 'BEGIN { printf "%.2f", b / a }') |"
  done
  b=$(best "$before" encode -m "$model" --threads 1 "$work/photo.png" "$work/eb.prnn")
  a=$(best "$after" encode -m "$model" --threads 1 "$work/photo.png" "$work/ea.prnn")
  cmp -s "$work/eb.prnn" "$work/ea.prnn" || { echo "encoded files differ" >&2; exit 1; }
  echo "| encode, $model, whole | $b | $a | $(awk -v b="$b" -v a="$a" 'BEGIN { printf "%.2f", b / a }') |"
done
