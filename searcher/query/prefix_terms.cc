#include "query/prefix_terms.h"

namespace vigil::query {

std::vector<std::string> prefix_terms(const Xapian::Database& db, const std::string& prefix,
                                      std::size_t limit) {
  std::vector<std::string> terms;
  auto it = db.allterms_begin(prefix);
  const auto end = db.allterms_end(prefix);
  while (it != end && terms.size() < limit) {
    terms.push_back(*it);
    // The least term after this one: the same bytes and a zero byte.
    it.skip_to(terms.back() + std::string(1, '\0'));
  }
  return terms;
}

}  // namespace vigil::query
