#pragma once
// Runs a program (no shell) and captures its exit code, stdout and stderr. For CLI tests.

#include <sys/types.h>

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
};

// A running child process whose output goes to temporary files (no pipe can fill and block).
// The destructor kills and reaps it if wait() was not called.
class Child {
 public:
  // Starts argv[0] with argv, with `env` added to the current environment. Throws on failure.
  explicit Child(const std::vector<std::string>& argv,
                 const std::map<std::string, std::string>& env = {});
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
};

// Starts the program and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {});

// The binary named by environment variable `name` (VIGIL_INDEX_BIN or VIGIL_SEARCH_BIN), or the
// one this build made when the variable is unset.
std::string binary_from_env(const char* name);

}  // namespace vigil::test
