# One build configuration for every script that builds in build/ (sourced):
# scripts/test, scripts/demo, the benchmarks and the screenshots configure it
# with the same compiler flags, so running one after another compiles only
# what the other did not build, never the same file twice. Which parts are
# built (tests, benchmarks) may differ: those options add targets, they do not
# change any flag.
#
#   smsdesk_configure BUILD_DIR [-DSMSDESK_TESTS=ON …]
#
# An existing build directory keeps its options unless they are given; a new
# one starts without tests and benchmarks (they need more packages).
SMSDESK_BUILD_FLAGS=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMSDESK_WERROR=ON)

smsdesk_configure() {
  local build=$1
  shift
  local parts=()
  if [ ! -f "$build/CMakeCache.txt" ]; then parts=(-DSMSDESK_TESTS=OFF -DSMSDESK_BENCH=OFF); fi
  cmake -S . -B "$build" "${SMSDESK_BUILD_FLAGS[@]}" "${parts[@]}" "$@" >/dev/null
}
