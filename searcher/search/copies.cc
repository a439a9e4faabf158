#include "search/copies.h"

#include <string>

#include "vigil/text.h"

namespace vigil::search {

void CopyCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++documents_;
  const std::string key = doc.get_value(key_slot_);
  if (key.empty()) {
    ++unclustered_;
  } else {
    keys_.insert(fnv1a64(key));
  }
}

}  // namespace vigil::search
