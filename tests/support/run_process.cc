#include "support/run_process.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/temp_dir.h"

namespace vigil::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// In the forked child, before exec: only async-signal-safe calls.
void apply(const ChildOptions& options) {
  if (options.file_size_limit != 0) {
    std::signal(SIGXFSZ, SIG_IGN);  // kept across exec: writes past the limit fail with EFBIG
    const rlimit limit{options.file_size_limit, options.file_size_limit};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(126);
  }
  if (options.uid != 0) {
    if (setgroups(0, nullptr) != 0 || setgid(options.uid) != 0 || setuid(options.uid) != 0) {
      _exit(126);
    }
  }
}

}  // namespace

Child::Child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
             const ChildOptions& options)
    : dir_(std::make_unique<TempDir>()), started_(now_seconds()) {
  const std::string out_path = dir_->file("stdout");
  const std::string err_path = dir_->file("stderr");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ != 0) return;
  const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int in = open("/dev/null", O_RDONLY);
  if (out < 0 || err < 0 || in < 0) _exit(127);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
  apply(options);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

Child::~Child() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

void Child::send_signal(int signal) const {
  if (pid_ > 0) kill(pid_, signal);
}

ProcessResult Child::wait() {
  int status = 0;
  rusage usage{};
  while (wait4(pid_, &status, 0, &usage) < 0) {
  }
  pid_ = -1;
  ProcessResult result;
  result.seconds = now_seconds() - started_;
  result.max_rss_kib = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  result.out = slurp(dir_->file("stdout"));
  result.err = slurp(dir_->file("stderr"));
  return result;
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env,
                          const ChildOptions& options) {
  Child child(argv, env, options);
  return child.wait();
}

std::string binary_from_env(const char* name) {
  const char* value = std::getenv(name);
  if (value != nullptr && *value != '\0') return value;
  const std::string which = name;
  if (which == "VIGIL_INDEX_BIN") return VIGIL_DEFAULT_INDEX_BIN;
  if (which == "VIGIL_SEARCH_BIN") return VIGIL_DEFAULT_SEARCH_BIN;
  throw std::runtime_error("unknown binary variable " + which);
}

}  // namespace vigil::test
