#include "index/index_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>
#include <thread>

#include "vigil/errors.h"

namespace vigil::index {
namespace {

using Clock = std::chrono::steady_clock;

// How often a waiting acquire() tries again.
constexpr std::chrono::milliseconds kPollInterval{100};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// true when taken, false when another open file holds it.
bool try_lock(int fd, const std::string& path) {
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return false;
    if (errno == EINTR) continue;
    std::string message = "cannot lock '";
    message += path;
    message += "': ";
    message += std::strerror(errno);
    throw RuntimeError(message, "the index directory must be on a local file system");
  }
  return true;
}

// The holder's details as written by record_holder(): " (pid N, started at T)", or "" when the
// file holds none yet (the holder has not written them, or could not).
std::string describe_holder(int fd) {
  char buffer[256];
  const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return {};
  const std::string text(buffer, static_cast<std::size_t>(n));
  const auto field = [&text](const std::string& name) {
    const std::size_t at = text.find(name + ' ');
    if (at == std::string::npos) return std::string();
    const std::size_t start = at + name.size() + 1;
    return text.substr(start, text.find('\n', start) - start);
  };
  const std::string pid = field("pid");
  const std::string started = field("started");
  if (pid.empty()) return {};
  std::string out = " (pid ";
  out += pid;
  if (!started.empty()) {
    out += ", started at ";
    out += started;
  }
  out += ')';
  return out;
}

// Best effort: the details only improve another process's message.
void record_holder(int fd) {
  std::string text = "pid ";
  text += std::to_string(getpid());
  text += "\nstarted ";
  text += utc_now();
  text += '\n';
  if (ftruncate(fd, 0) != 0) return;
  [[maybe_unused]] const ssize_t written = pwrite(fd, text.data(), text.size(), 0);
}

}  // namespace

IndexLock IndexLock::acquire(const std::string& dir, double wait_seconds) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw RuntimeError("cannot create index directory '" + dir + "': " + ec.message(),
                       "check the --db path and its permissions");
  }
  std::string path = (std::filesystem::path(dir) / kLockFileName).string();
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const std::string why = std::strerror(errno);
    throw RuntimeError("cannot open lock file '" + path + "': " + why,
                       "check the --db path and its permissions");
  }
  IndexLock lock(fd, std::move(path));  // closes fd if anything below throws
  const double wait = std::isfinite(wait_seconds) && wait_seconds > 0 ? wait_seconds : 0.0;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(wait));
  while (!try_lock(fd, lock.path_)) {
    const auto now = Clock::now();
    if (now >= deadline) {
      throw RuntimeError(
          "'" + dir + "' is being updated by another vigil-index" + describe_holder(fd),
          "wait for it to finish, or pass --wait-lock SECONDS");
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(kPollInterval, deadline - now));
  }
  record_holder(fd);
  return lock;
}

IndexLock::~IndexLock() { release(); }

IndexLock::IndexLock(IndexLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

IndexLock& IndexLock::operator=(IndexLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

void IndexLock::release() noexcept {
  if (fd_ < 0) return;
  // Clearing the details is only tidy when we hold the lock; a failed acquire() never wrote them.
  if (flock(fd_, LOCK_EX | LOCK_NB) == 0) {
    [[maybe_unused]] const int cleared = ftruncate(fd_, 0);
  }
  close(fd_);  // releases the flock
  fd_ = -1;
}

}  // namespace vigil::index
