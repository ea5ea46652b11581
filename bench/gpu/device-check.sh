#!/usr/bin/env bash
# The GPU engine's figures, for a session lent a GPU machine (the library's `device` tool; .NET is not
# installed there). Two halves:
#   bash bench/gpu/device-check.sh prepare    here: a self-contained publish of the command and the
#                                             images, into out/gpu-check (git-ignored; carry it)
#   bash bench/gpu/device-check.sh run        there, from the repository root, with out/gpu-check
#                                             carried: writes $OUT/gpu-check.md
# What it measures: encode and decode time with --device cpu and --device gpu on a 768x512
# photograph (in 64x64 tiles, so that the decoder's products are batched too), and throughput on 1,000 valid_32x32 images (compare, 16 images at a time); that the
# photograph's files are byte-identical between the devices and decode on the other one.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=out/gpu-check
case "${1:-}" in
  prepare)
    rm -rf "$work" && mkdir -p "$work/thumbs"
    # One compressed file, so that it fits the 64 MiB a device call carries.
    dotnet publish tool/PixelCodec.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -o "$work/cli" -nologo -v quiet
    ls ../shared/data/imagenet32-sample/valid_32x32/*.png | head -n 100 | xargs -I{} cp {} "$work/thumbs/"
    # 1,000 images: the 100 validation images ten times over, named apart.
    for i in 1 2 3 4 5 6 7 8 9; do for f in "$work"/thumbs/n*.png; do cp "$f" "$work/thumbs/c$i-$(basename "$f")"; done; done
    convert ../shared/data/photos/life_by_Aitzol_Berasategi.png -crop 768x512+0+0 +repage "$work/photo.png"
    du -sh "$work"
    ;;
  run)
    cli="$work/cli/pixelcodec"
    report="${OUT:-out}/gpu-check.md"
    gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo "no nvidia-smi: no NVIDIA driver")
    {
      echo "# GPU engine check ($(date -u +%F), $gpu, $(nproc) cores)"
      echo
      echo "| job | device | encode s | decode s | bytes |"
      echo "|---|---|---:|---:|---:|"
      for device in cpu gpu; do
        # Tiles of 64, one thread: the decoder decodes them in step, so its products are batched too.
        start=$EPOCHREALTIME
        "$cli" encode "$work/photo.png" "$work/$device-photo.prnn" --tile 64 --threads 1 --device "$device" 2>>"$work/$device.log"
        middle=$EPOCHREALTIME
        "$cli" decode "$work/$device-photo.prnn" "$work/$device-photo.png" --threads 1 --device "$device" 2>>"$work/$device.log"
        end=$EPOCHREALTIME
        echo "| 768x512 photograph, tiles of 64, default model, 1 thread | $device | $(awk -v a="$start" -v b="$middle" 'BEGIN { printf "%.1f", b - a }') | $(awk -v a="$middle" -v b="$end" 'BEGIN { printf "%.1f", b - a }') | $(wc -c < "$work/$device-photo.prnn") |"
      done
      echo
      # 1,000 thumbnails in one process (compare encodes and decodes each, 16 at a time): its report has the speeds.
      for device in cpu gpu; do
        "$cli" compare "$work/thumbs" --no-peers -m rowlstm-h64 -m default --device "$device" -j 16 --out "$work/compare-$device" > /dev/null 2>>"$work/$device.log"
        echo "1,000 valid_32x32 images on the $device (pixelcodec compare --no-peers -j 16):"
        echo
        grep -A8 -i "speed" "$work/compare-$device/report.md" || cat "$work/compare-$device/report.md"
        echo
      done
      echo
      same=yes
      cmp -s "$work/cpu-photo.prnn" "$work/gpu-photo.prnn" || same=no
      echo "Files byte-identical between the devices: $same. Notes the command printed on the GPU: $(sort -u "$work/gpu.log" | tr '\n' ' ')"
      "$cli" decode "$work/gpu-photo.prnn" "$work/cross.png" --device cpu && echo "The GPU's photograph decodes on the CPU: yes."
    } > "$report"
    cat "$report"
    ;;
  *) echo "usage: bash bench/gpu/device-check.sh prepare|run" >&2; exit 2 ;;
esac
