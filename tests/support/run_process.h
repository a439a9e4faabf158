#pragma once
// Runs a program (no shell) and captures its exit code, stdout and stderr. For CLI tests.

#include <map>
#include <string>
#include <vector>

namespace vigil::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] with argv, with `env` added to the current environment. Throws on spawn failure.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {});

// The binary named by environment variable `name` (VIGIL_INDEX_BIN or VIGIL_SEARCH_BIN), or the
// one this build made when the variable is unset.
std::string binary_from_env(const char* name);

}  // namespace vigil::test
