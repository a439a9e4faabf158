#pragma once
// Runs a program (no shell) and captures its exit code, stdout and stderr. For CLI tests.

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vigil::test {

class TempDir;

struct ProcessResult {
  int exit_code = -1;  // -1 when ended by a signal
  int signal = 0;      // the signal that ended it, or 0
  std::string out;
  std::string err;
  double seconds = 0;    // wall time from start to end
  long max_rss_kib = 0;  // the child's peak resident set (getrusage's ru_maxrss, via wait4)
};

// How to start a child beyond its arguments and environment (for fault tests).
struct ChildOptions {
  // When non-zero: RLIMIT_FSIZE in bytes, with SIGXFSZ ignored, so a write past it fails with
  // EFBIG as on a full disk.
  std::uint64_t file_size_limit = 0;
  // When non-zero: the user (and group) id the child runs as; needs root. For permission tests
  // that root would pass.
  uid_t uid = 0;
};

// A running child process whose output goes to temporary files (no pipe can fill and block).
// The destructor kills and reaps it if wait() was not called.
class Child {
 public:
  // Starts argv[0] with argv, with `env` added to the current environment. Throws on failure.
  explicit Child(const std::vector<std::string>& argv,
                 const std::map<std::string, std::string>& env = {},
                 const ChildOptions& options = {});
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  Child(Child&&) = delete;
  Child& operator=(Child&&) = delete;

  void send_signal(int signal) const;
  pid_t pid() const { return pid_; }
  // Waits for the child to end and returns what it wrote.
  ProcessResult wait();

 private:
  std::unique_ptr<TempDir> dir_;
  pid_t pid_ = -1;
  double started_ = 0;  // CLOCK_MONOTONIC seconds
};

// Starts the program and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          const ChildOptions& options = {});

// The binary named by environment variable `name` (VIGIL_INDEX_BIN or VIGIL_SEARCH_BIN), or the
// one this build made when the variable is unset.
std::string binary_from_env(const char* name);

}  // namespace vigil::test
