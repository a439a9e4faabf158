#pragma once
// Whether a query needs the matcher's time limit. Xapian 1.4 times a match with a POSIX timer
// that notifies a thread (timer_create with SIGEV_THREAD): the first one starts a helper thread,
// after which every allocation of the process takes locks. A CGI process answers one query and
// pays for that thread every time (about 0.4 ms of a 14 ms request, scripts/bench/README.md). A
// query whose work is bounded well below the limit cannot reach it, so it runs untimed.

#include <xapian.h>

#include <cstdint>

namespace vigil::search {

// Postings per second of time limit that a query may hold and still run untimed. Matching costs
// at most 4 us per posting on the benchmark queries and on stopword phrases ("of the", the most
// frequent words ORed, prefix wildcards), exact facet counts of every match included; allowing
// 10 us, an untimed query ends within a tenth of its limit while the index is in memory.
inline constexpr std::uint64_t kUntimedPostingsPerSecond = 10000;

// An upper bound on the postings the matcher reads for `query` in `db`: the sum of the document
// frequencies of its terms (each counted as often as the query holds it), and every document of
// the index for a match-all, a value range or a posting source, which may visit them all.
// Saturates instead of overflowing. An unexpanded wildcard (OP_WILDCARD) has no bound: the
// maximum. One term look-up per term; Xapian::Error propagates.
std::uint64_t postings_bound(const Xapian::Database& db, const Xapian::Query& query);

// Whether `query` should run with a time limit of `seconds` (0: none): when it has one and the
// query's postings_bound exceeds seconds * kUntimedPostingsPerSecond.
bool needs_time_limit(const Xapian::Database& db, const Xapian::Query& query, double seconds);

}  // namespace vigil::search
