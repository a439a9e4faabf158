#!/bin/sh
# Configures and builds Vigil into build/ (Release, with tests). Extra arguments go to cmake.
#   scripts/build.sh [-DOPTION=VALUE ...]
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build build
