#pragma once
// Reading an index while a writer commits to it. Xapian 1.4 lets readers run beside the one
// writer, but a reader can lose a race with a commit in two ways, and both are answered by opening
// the index again:
//  - Xapian::DatabaseModifiedError: the writer committed twice since the revision being read and
//    reused its blocks.
//  - Xapian::DatabaseCorruptError ("Expected block 7 to be level 1, not 0"): the index was opened
//    while a commit replaced it. The revision named by the version file had its root block reused
//    before the table was read, and glass checks a root block's level but not its revision. A
//    probe opening an index in a loop beside 3-document commits saw this at 22 of 14,000 opens.
//  - a plain Xapian::DatabaseError ("EOF reading block 942866689"): a reused block read as if it
//    were still the old one, whose bytes then name a block past the end of the table (seen in
//    ReadLiveRace under AddressSanitizer, whose slower reads widen the window).
// Real damage fails every attempt and is reported after the last. Header-only, like
// main_guard.h, so vigil_schema itself does not depend on Xapian.

#include <xapian.h>

#include <chrono>
#include <string_view>
#include <thread>

namespace vigil {

// Eight attempts wait 140 ms in all: five (30 ms) were once too few in ReadLiveRace on a loaded
// machine, where a slow reader was overtaken by five commits in a row.
inline constexpr int kLiveReadAttempts = 8;

// Returns attempt(); when it throws one of the three errors above, calls on_retry(error) and then
// attempt() again, up to `attempts` calls in all (the last one's error propagates). `attempt` must
// open the index itself (a Xapian::Database opened before it keeps the stale revision). Waits
// 1, 4, 9, ... ms before each retry, so that a commit in progress can finish. Any other exception
// propagates at once.
template <typename Attempt, typename OnRetry>
auto read_live(Attempt&& attempt, OnRetry&& on_retry, int attempts = kLiveReadAttempts)
    -> decltype(attempt()) {
  for (int made = 1;; ++made) {
    try {
      return attempt();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (made >= attempts) throw;
      on_retry(e);
    } catch (const Xapian::DatabaseCorruptError& e) {
      if (made >= attempts) throw;
      on_retry(e);
    } catch (const Xapian::DatabaseError& e) {
      // Its other subclasses (a missing index, a lock, another format ...) are no race.
      if (made >= attempts || std::string_view(e.get_type()) != "DatabaseError") throw;
      on_retry(e);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(made * made));
  }
}

}  // namespace vigil
