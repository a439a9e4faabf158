// The query language (query/query_builder.h) on a small in-memory index with words, wildcard
// prefixes and facet aliases, the query then run by Xapian's matcher, as vigil-search and the CGI
// do with any text a visitor types.

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "query/query_builder.h"
#include "vigil/schema.h"

namespace {

Xapian::Database& index() {
  static Xapian::WritableDatabase db = [] {
    Xapian::WritableDatabase made(std::string(), Xapian::DB_BACKEND_INMEMORY);
    made.set_metadata("vigil.facet.place.cn.13", "Xinjiang\tcn");
    made.set_metadata("vigil.facet.place.cn", "China\t");
    made.set_metadata("vigil.alias.place.xinjiang", "10\tcn.13");
    made.set_metadata("vigil.facet.org.un", "United Nations\t");
    made.set_metadata("vigil.alias.org.un", "1\tun");
    Xapian::TermGenerator terms;
    terms.set_stemmer(Xapian::Stem("english"));
    for (int i = 0; i < 200; ++i) {
      Xapian::Document doc;
      terms.set_document(doc);
      std::string text = "forced labour detention camp Uyghur Xinjiang report a";
      text += std::to_string(i);
      text += " ab";
      text += std::to_string(i * 7);
      terms.index_text(text);
      terms.index_text("Cotton harvest", 1, "S");
      doc.add_value(0, std::to_string(20200000 + i));
      made.add_document(doc);
    }
    made.commit();
    return made;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const vigil::query::Matching matching :
       {vigil::query::Matching::kVariants, vigil::query::Matching::kExact}) {
    const auto parsed =
        vigil::query::build_query(text, index(), vigil::schema::Schema::builtin(), {}, matching);
    if (!parsed) continue;
    Xapian::Enquire enquire(index());
    enquire.set_query(parsed.value().query);
    (void)enquire.get_mset(0, 10);
  }
  return 0;
}
