#include "support/shared_data.h"

#include <cstdlib>
#include <filesystem>

namespace vigil::test {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

std::optional<std::string> shared_dir() {
  const std::string dir = env_or("VIGIL_SHARED_DIR", VIGIL_DEFAULT_SHARED_DIR);
  if (!std::filesystem::exists(std::filesystem::path(dir) / "data" / "README.md")) {
    return std::nullopt;
  }
  return dir;
}

std::string shared_path(const std::string& relative) {
  return (std::filesystem::path(shared_dir().value_or(VIGIL_DEFAULT_SHARED_DIR)) / relative)
      .string();
}

std::string source_path(const std::string& relative) {
  return (std::filesystem::path(env_or("VIGIL_SOURCE_DIR", VIGIL_DEFAULT_SOURCE_DIR)) / relative)
      .string();
}

std::string missing_shared_message() {
  return "the shared corpora were not found at '" +
         env_or("VIGIL_SHARED_DIR", VIGIL_DEFAULT_SHARED_DIR) +
         "' (expected data/README.md there); this test needs them: put the shared folder beside "
         "the repository or configure with -DVIGIL_SHARED_DIR=PATH";
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::string(ci) != "false" && std::string(ci) != "0";
}

}  // namespace vigil::test
