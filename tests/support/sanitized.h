#pragma once
// Whether this tree was built with sanitizers (-DVIGIL_SANITIZE=...). They make programs several
// times slower and ASan keeps freed memory in quarantine (up to 256 MiB), so the tests that bound
// a program's time or memory check those bounds only without them. Such tests carry the ctest
// label "integration-release" (ctest -L release selects them), and scripts/test.sh runs them in the
// Release build too, where the bounds hold.

namespace vigil::test {

inline constexpr bool kSanitized = VIGIL_TEST_SANITIZED != 0;

}  // namespace vigil::test
