#pragma once
// Run-ending failures. Thrown by libraries, caught once in each binary's main, mapped to an exit
// code (see exit_codes below) and printed as "program: error: what" plus an optional "hint:" line.

#include <stdexcept>
#include <string>

namespace vigil {

// Exit codes shared by vigil-index and vigil-search (documented in both --help texts).
enum ExitCode : int {
  kExitOk = 0,       // success; zero hits is success
  kExitSkipped = 1,  // the indexer finished, but some inputs were skipped
  kExitUsage = 2,    // usage or configuration error
  kExitRuntime = 3,  // runtime failure: index missing, locked, corrupt or of another schema; I/O
};

// A failure with an optional hint telling the user what to do next.
class VigilError : public std::runtime_error {
 public:
  explicit VigilError(const std::string& what, std::string hint = {})
      : std::runtime_error(what), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

// Bad options, config files or schema: exit code 2.
class ConfigError : public VigilError {
 public:
  using VigilError::VigilError;
};

// The run cannot go on (index missing or locked, schema mismatch, disk full): exit code 3.
class RuntimeError : public VigilError {
 public:
  using VigilError::VigilError;
};

}  // namespace vigil
