#!/usr/bin/env bash
# Builds the libtorch shim into artifacts/native/libpixelcodec_torch.so (Debian: libtorch-dev).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cmake -S "$root/training/native" -B "$root/artifacts/native-build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/artifacts/native-build" -j "$(nproc)" >/dev/null
mkdir -p "$root/artifacts/native"
# Copy then rename: overwriting the library in place crashes processes that have it loaded.
cp "$root/artifacts/native-build/libpixelcodec_torch.so" "$root/artifacts/native/.libpixelcodec_torch.so.new"
mv -f "$root/artifacts/native/.libpixelcodec_torch.so.new" "$root/artifacts/native/libpixelcodec_torch.so"
