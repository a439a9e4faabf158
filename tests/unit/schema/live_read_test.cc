#include "vigil/live_read.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

namespace vigil {
namespace {

// What each call of the attempt throws, in order ('M' modified, 'C' corrupt, 'D' a plain
// DatabaseError, 'L' a lock error, 'O' opening error, 'N' network error), until it returns 42.
struct RetryCase {
  const char* name;
  const char* throws;
  int calls;          // how many calls read_live makes
  bool rethrows;      // whether the last call's error propagates
  const char* error;  // its type, by Xapian's name ("" when nothing propagates)
};

class ReadLive : public testing::TestWithParam<RetryCase> {};

TEST_P(ReadLive, RetriesTheRacesOfAReaderWithACommitAndNothingElse) {
  const RetryCase& c = GetParam();
  const std::string throws = c.throws;
  int calls = 0;
  int retries = 0;
  const auto attempt = [&] {
    const char kind = calls < static_cast<int>(throws.size()) ? throws[calls] : ' ';
    ++calls;
    switch (kind) {
      case 'M':
        throw Xapian::DatabaseModifiedError("the revision was overwritten");
      case 'C':
        throw Xapian::DatabaseCorruptError("Expected block 7 to be level 1, not 0");
      case 'D':
        throw Xapian::DatabaseError("EOF reading block 942866689");
      case 'L':
        throw Xapian::DatabaseLockError("the index is locked");
      case 'O':
        throw Xapian::DatabaseOpeningError("no such index");
      case 'N':
        throw Xapian::NetworkError("the shard stopped answering");
      default:
        return 42;
    }
  };
  std::string error;
  try {
    EXPECT_EQ(read_live(attempt, [&](const Xapian::Error&) { ++retries; }), 42);
  } catch (const Xapian::Error& e) {
    error = e.get_type();
  }
  EXPECT_EQ(calls, c.calls);
  EXPECT_EQ(retries, c.calls - 1);
  EXPECT_EQ(!error.empty(), c.rethrows);
  EXPECT_EQ(error, c.error);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ReadLive,
    testing::Values(RetryCase{"FirstCallReturns", "", 1, false, ""},
                    RetryCase{"ModifiedOnce", "M", 2, false, ""},
                    RetryCase{"CorruptAtOpenTwice", "CC", 3, false, ""},
                    RetryCase{"MixedFourTimes", "MCDC", 5, false, ""},
                    RetryCase{"ReadPastTheTableTwice", "DD", 3, false, ""},
                    RetryCase{"DamagedEveryTime", "DDDDDDDD", 8, true, "DatabaseError"},
                    RetryCase{"LockIsNotRetried", "L", 1, true, "DatabaseLockError"},
                    RetryCase{"CorruptEveryTime", "CCCCCCCCC", 8, true, "DatabaseCorruptError"},
                    RetryCase{"ModifiedEveryTime", "MMMMMMMM", 8, true, "DatabaseModifiedError"},
                    RetryCase{"MissingIndexIsNotRetried", "O", 1, true, "DatabaseOpeningError"},
                    RetryCase{"NetworkErrorIsTheCallersCall", "N", 1, true, "NetworkError"},
                    RetryCase{"OtherErrorAfterARetry", "MO", 2, true, "DatabaseOpeningError"}),
    [](const testing::TestParamInfo<RetryCase>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace vigil
