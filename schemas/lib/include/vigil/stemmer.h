#pragma once
// The stemmer of a language as both binaries use it (header-only: it needs Xapian, which
// vigil_schema does not link). A stem is tagged with its language, "droit@fr", so that the stems
// of one language never meet the words of another (the Finnish stem of "torture" is a French
// word); '@' never occurs in a word, since Xapian's TermGenerator splits words at it. Indexed
// stemmed terms are then "Z" + field prefix + stem + "@" + subtag.

#include <xapian.h>

#include <string>
#include <string_view>

#include "vigil/analysis.h"

namespace vigil::analysis {

// A stem with its language tag.
inline std::string tagged_stem(std::string_view stem, std::string_view subtag) {
  std::string out(stem);
  out += '@';
  out += subtag;
  return out;
}

// The stem without its tag ("droit@fr" -> "droit").
inline std::string_view untagged_stem(std::string_view tagged) {
  const std::size_t at = tagged.rfind('@');
  return at == std::string_view::npos ? tagged : tagged.substr(0, at);
}

// The tagging stemmer of a language subtag; Xapian's "none" stemmer (no stemmed terms at all)
// for a language without a Xapian stemmer. Not thread-safe to share (Xapian handles).
inline Xapian::Stem language_stemmer(const std::string& subtag) {
  class Tagged : public Xapian::StemImplementation {
   public:
    Tagged(const std::string& language, std::string subtag)
        : stem_(language), subtag_(std::move(subtag)) {}
    std::string operator()(const std::string& word) override {
      return tagged_stem(stem_(word), subtag_);
    }
    std::string get_description() const override { return stem_.get_description() + "@" + subtag_; }

   private:
    Xapian::Stem stem_;
    std::string subtag_;
  };
  const std::string_view language = stemmer_language(subtag);
  if (language.empty()) return Xapian::Stem();
  return Xapian::Stem(new Tagged(std::string(language), subtag));
}

}  // namespace vigil::analysis
