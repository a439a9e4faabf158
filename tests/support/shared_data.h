#pragma once
// Locating ../shared (real corpora) from tests. A user's clone has no ../shared: tests that need
// it call VIGIL_REQUIRE_SHARED(), which skips with a clear message there, but fails under CI
// (CI=true), where the folder must be present.

#include <optional>
#include <string>

namespace vigil::test {

// The shared folder (VIGIL_SHARED_DIR, else the one configured in CMake), or nullopt when it or
// its data/README.md is absent.
std::optional<std::string> shared_dir();

// Full path of `relative` under the shared folder (which must exist).
std::string shared_path(const std::string& relative);

// Path of `relative` under the repository (VIGIL_SOURCE_DIR, else the configured source dir).
std::string source_path(const std::string& relative);

// The message used when skipping, naming the folder that was looked for.
std::string missing_shared_message();

bool running_in_ci();

}  // namespace vigil::test

// Skips the current test when ../shared is absent (fails under CI instead).
#define VIGIL_REQUIRE_SHARED()                                 \
  do {                                                         \
    if (!::vigil::test::shared_dir()) {                        \
      if (::vigil::test::running_in_ci()) {                    \
        FAIL() << ::vigil::test::missing_shared_message();     \
      }                                                        \
      GTEST_SKIP() << ::vigil::test::missing_shared_message(); \
    }                                                          \
  } while (0)
