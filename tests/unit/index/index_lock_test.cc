#include "index/index_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::index {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(IndexLock, CreatesTheDirectoryAndTheLockFile) {
  test::TempDir tmp;
  const IndexLock lock = IndexLock::acquire(tmp.file("new/idx"), 0);
  EXPECT_EQ(lock.path(), tmp.file("new/idx/vigil.lock"));
  EXPECT_TRUE(std::filesystem::exists(lock.path()));
}

TEST(IndexLock, SecondAcquireFailsAtOnceNamingTheHolder) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  const IndexLock first = IndexLock::acquire(dir, 0);
  const auto start = Clock::now();
  try {
    IndexLock::acquire(dir, 0);
    FAIL() << "expected RuntimeError";
  } catch (const RuntimeError& e) {
    std::string expected = "'";
    expected += dir;
    expected += "' is being updated by another vigil-index (pid ";
    expected += std::to_string(getpid());
    expected += ", started at ";
    EXPECT_EQ(std::string(e.what()).rfind(expected, 0), 0u) << e.what();
    EXPECT_EQ(e.hint(), "wait for it to finish, or pass --wait-lock SECONDS");
  }
  EXPECT_LT(seconds_since(start), 0.5);
}

struct WaitCase {
  const char* name;
  double release_after;  // seconds; the first holder keeps the lock past the wait when < 0
  double wait;
  bool acquired;
};

class IndexLockWait : public testing::TestWithParam<WaitCase> {};

TEST_P(IndexLockWait, WaitsForTheHolderUpToTheLimit) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  std::optional<IndexLock> first(IndexLock::acquire(dir, 0));
  std::thread holder([&] {
    const double hold =
        GetParam().release_after >= 0 ? GetParam().release_after : GetParam().wait + 0.3;
    std::this_thread::sleep_for(std::chrono::duration<double>(hold));
    first.reset();
  });
  const auto start = Clock::now();
  bool acquired = false;
  try {
    const IndexLock second = IndexLock::acquire(dir, GetParam().wait);
    acquired = true;
  } catch (const RuntimeError&) {
  }
  const double waited = seconds_since(start);
  holder.join();
  EXPECT_EQ(acquired, GetParam().acquired);
  if (GetParam().acquired) {
    EXPECT_GE(waited, GetParam().release_after * 0.9);
    EXPECT_LT(waited, GetParam().wait);
  } else {
    EXPECT_GE(waited, GetParam().wait * 0.9);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, IndexLockWait,
                         testing::Values(WaitCase{"ReleasedWithinTheWait", 0.3, 5.0, true},
                                         WaitCase{"HeldPastTheWait", -1, 0.4, false},
                                         WaitCase{"NoWaitFailsAtOnce", -1, 0, false}),
                         [](const testing::TestParamInfo<WaitCase>& param) {
                           return param.param.name;
                         });

TEST(IndexLock, ReleasedByDestructionAndMovable) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  {
    IndexLock first = IndexLock::acquire(dir, 0);
    IndexLock moved = std::move(first);
    EXPECT_THROW(IndexLock::acquire(dir, 0), RuntimeError);
  }
  EXPECT_NO_THROW(IndexLock::acquire(dir, 0));
}

TEST(IndexLock, ALockHeldByAKilledProcessIsFreeAtOnce) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    {
      const IndexLock lock = IndexLock::acquire(dir, 0);
      [[maybe_unused]] const ssize_t n = write(ready[1], "x", 1);
      for (;;) pause();  // until SIGKILL: no destructor runs
    }
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  close(ready[0]);
  try {
    IndexLock::acquire(dir, 0);
    ADD_FAILURE() << "the child holds the lock";
  } catch (const RuntimeError& e) {
    EXPECT_NE(
        std::string(e.what()).find(std::string("(pid ").append(std::to_string(child)).append(",")),
        std::string::npos)
        << e.what();
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_NO_THROW(IndexLock::acquire(dir, 0));
}

}  // namespace
}  // namespace vigil::index
