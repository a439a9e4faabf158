#include "search/postings_bound.h"

#include <limits>

namespace vigil::search {
namespace {

constexpr std::uint64_t kUnbounded = std::numeric_limits<std::uint64_t>::max();

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > kUnbounded - b ? kUnbounded : a + b;
}

}  // namespace

std::uint64_t postings_bound(const Xapian::Database& db, const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return db.get_termfreq(*query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return 0;
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_POSTING_SOURCE:
    case Xapian::Query::OP_VALUE_RANGE:
    case Xapian::Query::OP_VALUE_GE:
    case Xapian::Query::OP_VALUE_LE:
      return db.get_doccount();
    case Xapian::Query::OP_WILDCARD:
      return kUnbounded;
    default:
      break;
  }
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < query.get_num_subqueries() && sum != kUnbounded; ++i) {
    sum = saturating_add(sum, postings_bound(db, query.get_subquery(i)));
  }
  return sum;
}

bool needs_time_limit(const Xapian::Database& db, const Xapian::Query& query, double seconds) {
  if (!(seconds > 0)) return false;
  const double allowed = seconds * static_cast<double>(kUntimedPostingsPerSecond);
  return static_cast<double>(postings_bound(db, query)) > allowed;
}

}  // namespace vigil::search
