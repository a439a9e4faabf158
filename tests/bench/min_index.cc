// vigil-min-index: the least a Xapian indexer has to do, as a bound on what Vigil's indexer could
// reach (scripts/bench/compare.sh). Reads already-extracted text as JSON Lines (one object a line
// with "url", "title" and "text", as `scripts/bench/update_site.py build --text FILE` writes) and
// indexes each article like Omega's omindex does, with nothing else: Xapian's TermGenerator with
// the English stemmer (STEM_SOME) and positions, the title with prefix S and unprefixed, the text
// unprefixed, the URL as the boolean term Q<url> and as the document data. No extraction, no
// entities, no values, no facets, no spelling.
//   vigil-min-index --db DIR FILE
// The database is created (it must not exist yet) and committed once, at the end, as the
// comparison asks: unless XAPIAN_FLUSH_THRESHOLD is set, it is raised so that Xapian does not
// also flush on its own every 10,000 documents. That holds every posting in memory (500-560 MiB
// peak at 20,000 news pages, against about 390 MiB with Xapian's default threshold).
// Prints "documents N, skipped M" on stdout; a line that is not a JSON object with string url,
// title and text is skipped with a warning (FILE:LINE) on stderr.
// Exit codes: 0 done, 1 done but some lines were skipped, 2 usage error, 3 runtime failure
// (input unreadable, database exists or cannot be written).
#include <simdjson.h>
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

constexpr const char* kName = "vigil-min-index";

int usage() {
  std::fprintf(
      stderr, "usage: %s --db DIR FILE   (see the comment atop tests/bench/min_index.cc)\n", kName);
  return 2;
}

struct Counts {
  unsigned long documents = 0;
  unsigned long skipped = 0;
};

// Indexes every line of `in` (read from the file `input`) into `db`; a line that is not a JSON
// object with string url (non-empty), title and text is skipped with a warning naming it. Throws
// Xapian::Error, or std::runtime_error when the input cannot be read.
Counts index_lines(const std::string& input, std::istream& in, Xapian::WritableDatabase& db) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  simdjson::dom::parser parser;
  Counts counts;
  unsigned long number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    simdjson::dom::element element;
    std::string_view url, title, body;
    if (parser.parse(line).get(element) != simdjson::SUCCESS ||
        element["url"].get(url) != simdjson::SUCCESS ||
        element["title"].get(title) != simdjson::SUCCESS ||
        element["text"].get(body) != simdjson::SUCCESS || url.empty()) {
      std::fprintf(stderr, "%s:%lu: warning: not an object with url, title and text; skipped\n",
                   input.c_str(), number);
      ++counts.skipped;
      continue;
    }
    Xapian::Document doc;
    generator.set_document(doc);
    // Utf8Iterator reads the parser's buffer in place (no copy of the text).
    generator.index_text(Xapian::Utf8Iterator(title.data(), title.size()), 1, "S");
    generator.index_text(Xapian::Utf8Iterator(title.data(), title.size()));
    generator.increase_termpos();
    generator.index_text(Xapian::Utf8Iterator(body.data(), body.size()));
    // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "Q" + string.
    std::string key(1, 'Q');
    key.append(url);
    doc.add_boolean_term(key);
    doc.set_data(std::string(url));
    db.replace_document(key, doc);
    ++counts.documents;
  }
  if (in.bad()) throw std::runtime_error("reading '" + input + "' failed");
  return counts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || std::string_view(argv[1]) != "--db") return usage();
  try {
    setenv("XAPIAN_FLUSH_THRESHOLD", "100000000", 0);  // one commit, at the end (see above)
    std::ifstream in(argv[3], std::ios::binary);       // before the database is created
    if (!in) throw std::runtime_error(std::string("cannot read '") + argv[3] + "'");
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    const Counts counts = index_lines(argv[3], in, db);
    db.commit();
    std::printf("documents %lu, skipped %lu\n", counts.documents, counts.skipped);
    return counts.skipped == 0 ? 0 : 1;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "%s: error: %s\n", kName, e.get_description().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: error: %s\n", kName, e.what());
  } catch (...) {
    std::fprintf(stderr, "%s: error: unknown exception\n", kName);
  }
  return 3;
}
