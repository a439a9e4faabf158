#pragma once
// Article -> Xapian::Document, exactly as the field schema says: the one place that decides which
// terms, values and stored data a document gets, with the text analysis of vigil/analysis.h. Not
// thread-safe (owns Xapian::Stem handles, whose reference counts are not atomic); use one builder
// per thread.

#include <xapian.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "article/article.h"
#include "vigil/schema.h"

namespace vigil::index {

class DocumentBuilder {
 public:
  // Resolves the schema's fields once. Throws ConfigError when the schema lacks a field this
  // builder needs (a build defect, ruled out by a unit test). `schema` must outlive the builder.
  explicit DocumentBuilder(const schema::Schema& schema);

  // The stored record of an article and its digest: everything the document is built from
  // (article fields and schema), so equal digests mean re-indexing would change nothing.
  struct Prepared {
    std::string data;    // the encoded StoredRecord
    std::string digest;  // stored in the "digest" value slot
  };
  Prepared prepare(const Article& article) const;

  // The complete document: unique-id term, free-text terms with positions (title also under its
  // prefix and with the title weight; the text normalised, stemmed by the article's language,
  // CJK as n-grams, capitalised Cyrillic words also under their Latin spellings), boolean terms,
  // date terms and values, entity facet terms (organisations, places and the places enclosing them,
  // dates mentioned), the sort order value (date then key), the main text's near-duplicate
  // fingerprint (simhash value and band terms; none for a text too short, see simhash.h), stored
  // record. Everything but the `dupkey` value, which depends on the other documents of the index
  // (IndexWriter sets it). `prepared` must come from prepare(article).
  Xapian::Document build(const Article& article, const Prepared& prepared);
  Xapian::Document build(const Article& article) { return build(article, prepare(article)); }

  // The article's complete document (build()) with what IndexWriter::write needs besides: built
  // on any thread with that thread's builder, then handed to the writer's thread (see Built).
  // When `unchanged(id_term, digest)` says the index already holds that document, nothing is
  // built (a re-import leaves the parsing thread nothing to redo) and the article travels instead.
  struct Built;
  using KnownUnchanged = std::function<bool(const std::string& id_term, const std::string& digest)>;
  Built build_for_writer(Article&& article, const KnownUnchanged& unchanged = {});

  // The unique-id term for a key ("Q" + key, shortened with a hash past Xapian's term limit).
  std::string unique_term(std::string_view key) const;

  // Value slot holding digest().
  Xapian::valueno digest_slot() const { return digest_->slot; }

 private:
  void index_dates(Xapian::Document& doc, const PartialDate& date) const;
  void index_text(Xapian::Document& doc, const Article& article);
  // The stemmer of a language subtag; Xapian's "none" for a language without one.
  const Xapian::Stem& stemmer(const std::string& subtag);
  void index_entities(Xapian::Document& doc, const ArticleEntities& entities) const;
  void store_facet_terms(Xapian::Document& doc) const;
  void index_fingerprint(Xapian::Document& doc, const Article& article) const;

  const schema::Schema& schema_;
  const schema::Field* id_;
  const schema::Field* url_;
  const schema::Field* site_;
  const schema::Field* title_;
  const schema::Field* description_;
  const schema::Field* author_;
  const schema::Field* body_;
  const schema::Field* lang_;
  const schema::Field* source_;
  const schema::Field* date_;
  const schema::Field* digest_;
  const schema::Field* org_;
  const schema::Field* place_;
  const schema::Field* mentions_;
  const schema::Field* facets_;
  const schema::Field* simhash_;
  const schema::Field* order_;
  // By language subtag, shared with each document's TermGenerator, on this thread only.
  std::map<std::string, Xapian::Stem, std::less<>> stemmers_;
};

// A document built away from the writer (DocumentBuilder::build_for_writer): the parsing thread
// builds it, IndexWriter::write(Built&&) adds it. Whoever holds a Built holds the only handle on
// its Xapian::Document (Xapian's handles are not thread-safe), so it moves, never copies.
struct DocumentBuilder::Built {
  Built(std::string term, std::string hash, Xapian::Document document, ArticleEntities found)
      : id_term(std::move(term)),
        digest(std::move(hash)),
        doc(std::move(document)),
        entities(std::move(found)) {}
  // Not built: the index seemed to hold it unchanged. The writer builds it when it does not.
  Built(std::string term, std::string hash, Article deferred_article)
      : id_term(std::move(term)), digest(std::move(hash)), deferred(std::move(deferred_article)) {}
  Built(const Built&) = delete;
  Built& operator=(const Built&) = delete;
  Built(Built&&) = default;
  Built& operator=(Built&&) = default;
  ~Built() = default;

  std::string id_term;  // unique_term(article.key)
  std::string digest;   // prepare(article).digest
  // build(article, prepare(article)), without the dupkey value; absent when deferred
  std::optional<Xapian::Document> doc;
  ArticleEntities entities;         // for the facet catalog (in `deferred` when that is set)
  std::optional<Article> deferred;  // the article, when its document was not built
};

}  // namespace vigil::index
