# Installs missing Debian packages (idempotent). Sourced by scripts/test,
# scripts/demo and the benchmarks; never relies on anything installed by hand.

# Build and run-time dependencies of smsdesk itself.
SMSDESK_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libspdlog-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libsqlite3-dev libsodium-dev libserialport-dev libstemmer-dev libutf8proc-dev
  libssl-dev libhowardhinnant-date-dev tzdata libfasttext-dev
)
# Only for the test suite: GoogleTest, fuzzers (clang + libFuzzer runtime),
# an independent codec to compare against (python3-gammu), a real AT client (gammu).
SMSDESK_TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  python3 python3-gammu gammu chromium chromium-driver libfribidi-bin
)

ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
