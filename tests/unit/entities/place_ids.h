#pragma once
// What the place tests share: the gazetteer the build generated (build/schemas), loaded once, and
// the ids of the places found in a text, checking that every mention's text is what its offsets
// cover.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "entities/gazetteer.h"
#include "entities/places.h"

namespace vigil::entities::test {

inline const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::load(VIGIL_TEST_DATA_DIR);
  return g;
}

inline std::set<std::string> place_ids(const std::string& text) {
  std::set<std::string> ids;
  for (const FoundPlace& p : find_places(text, gazetteer())) {
    ids.insert(gazetteer().place(p.place).id);
    for (const Mention& m : p.mentions) {
      EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text) << text;
    }
  }
  return ids;
}

}  // namespace vigil::entities::test
