#pragma once
// IndexLock: one writing vigil-index process per index directory, held for a whole run (add,
// crawl, update, reindex, compact). Xapian's own lock covers one database only, not the
// building of a new generation beside the live one (store.h), hence this one.
//
// It is an flock() on DIR/vigil.lock (created if needed, never removed): the kernel releases it
// when the process ends, however it ends (kill -9 included), so a crash never leaves a stale lock.
// The holder writes its pid and start time into the file for the message others get.
// flock() locks belong to the open file: two acquire() calls in one process exclude each other,
// and a child forked (without exec) while the lock is held holds it too.
// Not thread-safe; move-only.

#include <string>
#include <utility>

namespace vigil::index {

class IndexLock {
 public:
  // Takes the lock on `dir` (created if absent), waiting up to `wait_seconds` (0: fail at once)
  // while another process holds it. Throws RuntimeError "'DIR' is being updated by another
  // vigil-index (pid N, started at T)" with hint "wait for it to finish, or pass --wait-lock
  // SECONDS" when it stays held, or a RuntimeError naming the path when the lock file cannot be
  // created.
  static IndexLock acquire(const std::string& dir, double wait_seconds);

  // Releases the lock (and clears the holder's details).
  ~IndexLock();
  IndexLock(IndexLock&& other) noexcept;
  IndexLock& operator=(IndexLock&& other) noexcept;
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

  // DIR/vigil.lock
  const std::string& path() const { return path_; }

 private:
  IndexLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  void release() noexcept;

  int fd_ = -1;
  std::string path_;
};

// The lock file's name inside an index directory.
inline constexpr const char* kLockFileName = "vigil.lock";

}  // namespace vigil::index
