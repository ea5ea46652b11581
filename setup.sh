#!/usr/bin/env bash
# Sets up a Debian 12 machine that has the .NET SDK: installs the peer codecs that `compare`
# measures against (and that the tests use as independent PNG decoders) and libtorch for training,
# builds the libtorch shim (training/native), then builds PixelCodec.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

packages=(imagemagick webp libjxl-tools optipng zopfli libtorch-dev libgloo-dev libopenblas0-pthread cmake g++)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

training/native/build.sh
dotnet build PixelCodec.sln -c Release -nologo -v quiet
