#include "support/test_site.h"

#include <xapian.h>

namespace vigil::test {

std::string article_page_json(const std::string& title, const std::string& word,
                              const std::string& head, const std::string& extra_body) {
  std::string text;
  for (int i = 0; i < 4; ++i) {
    text += "<p>Witnesses said the ";
    text += word;
    text +=
        ", which had lasted for weeks, was documented by investigators, lawyers and local "
        "journalists in the region. </p>";
  }
  std::string page = "<html><head><title>";
  page += title;
  page += "</title><meta property=\\\"og:type\\\" content=\\\"article\\\">";
  page += head;
  page += "</head><body><article><h1>";
  page += title;
  page += "</h1>";
  page += text;
  page += extra_body;
  page += "</article></body></html>";
  return page;
}

std::map<std::string, std::string> documents_by_key(const std::string& path) {
  std::map<std::string, std::string> docs;
  const Xapian::Database db(path);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string key;
    std::string content = doc.get_data();
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      if ((*term).rfind('Q', 0) == 0) key = (*term).substr(1);
      content += '\n';
      content += *term;
      content += ':';
      content += std::to_string(term.get_wdf());
    }
    docs[key] = content;
  }
  return docs;
}

std::set<std::string> index_keys(const std::string& path) {
  std::set<std::string> keys;
  try {
    const Xapian::Database db(path);
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
      keys.insert((*it).substr(1));
    }
  } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): no index, no keys
  }
  return keys;
}

}  // namespace vigil::test
