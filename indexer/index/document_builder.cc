#include "index/document_builder.h"

#include "index/simhash.h"
#include "vigil/analysis.h"
#include "vigil/record.h"
#include "vigil/stemmer.h"
#include "vigil/text.h"
#include "vigil/url.h"

namespace vigil::index {
namespace {

StoredRecord make_record(const Article& article) {
  StoredRecord record;
  record.key = article.key;
  record.url = article.url;
  record.title = article.title;
  if (article.published) record.date = article.published->iso();
  record.source = article.source;
  for (const std::string& author : article.authors) {
    if (!record.author.empty()) record.author += "; ";
    record.author += author;
  }
  record.lang = article.language;
  for (const EntityRef& org : article.entities.organisations) {
    record.orgs.push_back({org.id, org.label, org.names});
  }
  for (const EntityRef& place : article.entities.places) {
    if (place.mentioned) record.places.push_back({place.id, place.label, place.names});
  }
  record.text = article.main_text;
  return record;
}

// Capitalised Cyrillic words (names) of `text` under their Latin spellings, as unstemmed terms
// without positions, so that a query for Navalny finds Навальный (analysis::latin_spellings).
void add_latin_spellings(Xapian::Document& doc, std::string_view text, std::string_view subtag) {
  std::size_t at = 0;
  while (at < text.size()) {
    // A word of Cyrillic letters (U+0400..U+04FF: two bytes, lead 0xD0..0xD3).
    const auto cyrillic = [&](std::size_t i) {
      const auto lead = static_cast<unsigned char>(text[i]);
      return i + 1 < text.size() && lead >= 0xD0 && lead <= 0xD3;
    };
    if (!cyrillic(at)) {
      ++at;
      continue;
    }
    const std::size_t start = at;
    while (at < text.size() && cyrillic(at)) at += 2;
    const auto second = static_cast<unsigned char>(text[start + 1]);
    const auto lead = static_cast<unsigned char>(text[start]);
    // Upper case: U+0400..U+042F, and Ukrainian Ґ (U+0490).
    const bool capital = (lead == 0xD0 && second <= 0xAF) || (lead == 0xD2 && second == 0x90);
    if (!capital) continue;
    const std::string word = Xapian::Unicode::tolower(std::string(text.substr(start, at - start)));
    for (const std::string& latin : analysis::latin_spellings(word, subtag)) doc.add_term(latin);
  }
}

// Gap between fields, so a phrase cannot match across the end of the title and the body start.
constexpr Xapian::termpos kFieldGap = 100;

}  // namespace

DocumentBuilder::DocumentBuilder(const schema::Schema& schema)
    : schema_(schema),
      id_(&schema.require("id")),
      url_(&schema.require("url")),
      site_(&schema.require("site")),
      title_(&schema.require("title")),
      description_(&schema.require("description")),
      author_(&schema.require("author")),
      body_(&schema.require("body")),
      lang_(&schema.require("lang")),
      source_(&schema.require("source")),
      date_(&schema.require("date")),
      digest_(&schema.require("digest")),
      org_(&schema.require("org")),
      place_(&schema.require("place")),
      mentions_(&schema.require("mentions")),
      facets_(&schema.require("facets")),
      simhash_(&schema.require("simhash")),
      order_(&schema.require("order")) {}

const Xapian::Stem& DocumentBuilder::stemmer(const std::string& subtag) {
  auto it = stemmers_.find(subtag);
  if (it == stemmers_.end()) {
    it = stemmers_.emplace(subtag, analysis::language_stemmer(subtag)).first;
  }
  return it->second;
}

std::string DocumentBuilder::unique_term(std::string_view key) const {
  return schema::boolean_term(*id_, key);
}

DocumentBuilder::Prepared DocumentBuilder::prepare(const Article& article) const {
  Prepared prepared;
  prepared.data = encode_record(make_record(article));
  // The record holds the named places but not the places enclosing them nor the dates mentioned;
  // those change the terms too (a gazetteer update), so they are part of the digest.
  std::string terms;
  for (const EntityRef& place : article.entities.places) {
    terms += place.id;
    terms += place.mentioned ? '\n' : '\t';
  }
  for (const PartialDate& date : article.entities.dates) terms += date.sortable();
  terms += article.description;  // indexed but not stored
  prepared.digest =
      hex64(fnv1a64(schema_.digest()) ^ fnv1a64(prepared.data) ^ (fnv1a64(terms) * 31));
  return prepared;
}

void DocumentBuilder::index_dates(Xapian::Document& doc, const PartialDate& date) const {
  // Omega's date terms, each only at a precision the source really gave.
  const std::string sortable = date.sortable();
  const auto term = [&](std::string_view prefix, std::size_t digits) {
    std::string out(prefix);
    out.append(sortable, 0, digits);
    return out;
  };
  doc.add_boolean_term(term("Y", 4));
  if (date.month != 0) doc.add_boolean_term(term("M", 6));
  if (date.day != 0) doc.add_boolean_term(term(date_->prefix, 8));
  doc.add_value(static_cast<Xapian::valueno>(date_->slot), sortable);
}

void DocumentBuilder::index_entities(Xapian::Document& doc, const ArticleEntities& entities) const {
  for (const EntityRef& org : entities.organisations) {
    doc.add_boolean_term(schema::boolean_term(*org_, org.id));
  }
  for (const EntityRef& place : entities.places) {
    doc.add_boolean_term(schema::boolean_term(*place_, place.id));
  }
  for (const PartialDate& date : entities.dates) {
    for (const std::string& term : schema::mentioned_terms(*mentions_, date.sortable())) {
      doc.add_boolean_term(term);
    }
  }
}

void DocumentBuilder::store_facet_terms(Xapian::Document& doc) const {
  // The terms facets are counted on, read back from the document (so they are exactly the
  // filter terms): organisations, places, years mentioned, publication year and month, language.
  std::string terms;
  const auto take = [&](const std::string& prefix, std::size_t digits) {
    Xapian::TermIterator it = doc.termlist_begin();
    for (it.skip_to(prefix); it != doc.termlist_end(); ++it) {
      const std::string term = *it;
      if (term.compare(0, prefix.size(), prefix) != 0) break;
      if (digits != 0 && term.size() != prefix.size() + digits) continue;
      terms += term;
      terms += '\n';
    }
  };
  take(org_->prefix, 0);
  take(place_->prefix, 0);
  take(mentions_->prefix, 4);
  take("Y", 4);
  take("M", 6);
  take(lang_->prefix, 0);
  doc.add_value(static_cast<Xapian::valueno>(facets_->slot), terms);
}

void DocumentBuilder::index_fingerprint(Xapian::Document& doc, const Article& article) const {
  // The main text only: syndicated copies often carry another headline. A short text gets no
  // fingerprint rather than the title's, as identical headlines often report different days.
  const std::optional<std::uint64_t> fingerprint = simhash(article.main_text);
  if (!fingerprint) return;
  for (const std::string& term : simhash_bands(simhash_->prefix, *fingerprint)) {
    doc.add_boolean_term(term);
  }
  doc.add_value(static_cast<Xapian::valueno>(simhash_->slot), hex64(*fingerprint));
}

void DocumentBuilder::index_text(Xapian::Document& doc, const Article& article) {
  // A generator of this document's own: a TermGenerator keeps a handle on the last document it
  // was given, and Xapian's handles count their references without atomics. A generator kept in
  // the builder would still hold the document after build_for_writer hands it to the writer's
  // thread, and its next set_document() would then race the writer on that count (a crash seen
  // once in CI, in the sharded import). This one is gone, with its handle, before build returns.
  const std::string subtag = language_subtag(article.language);
  Xapian::TermGenerator generator;
  generator.set_stemmer(stemmer(subtag));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  generator.set_document(doc);
  const auto index = [&](const std::string& text, Xapian::termcount weight,
                         const std::string& prefix) {
    const std::string normalised = analysis::normalise(text);
    generator.index_text(normalised, weight, prefix);
    if (prefix.empty()) add_latin_spellings(doc, normalised, subtag);
  };
  if (!article.title.empty()) {
    index(article.title, 1, title_->prefix);
    generator.increase_termpos(kFieldGap);
    index(article.title, title_->weight, {});
    generator.increase_termpos(kFieldGap);
  }
  if (!article.description.empty()) {
    index(article.description, 1, description_->prefix);
    generator.increase_termpos(kFieldGap);
    index(article.description, description_->weight, {});
    generator.increase_termpos(kFieldGap);
  }
  for (const std::string& author : article.authors) {
    index(author, 1, author_->prefix);
    generator.increase_termpos(kFieldGap);
    index(author, author_->weight, {});
    generator.increase_termpos(kFieldGap);
  }
  index(article.main_text, body_->weight, body_->prefix);
}

DocumentBuilder::Built DocumentBuilder::build_for_writer(Article&& article,
                                                         const KnownUnchanged& unchanged) {
  Prepared prepared = prepare(article);
  std::string id_term = unique_term(article.key);
  if (unchanged && unchanged(id_term, prepared.digest)) {
    return Built(std::move(id_term), std::move(prepared.digest), std::move(article));
  }
  Xapian::Document doc = build(article, prepared);
  return Built(std::move(id_term), std::move(prepared.digest), std::move(doc),
               std::move(article.entities));
}

Xapian::Document DocumentBuilder::build(const Article& article, const Prepared& prepared) {
  Xapian::Document doc;
  index_text(doc, article);
  doc.add_boolean_term(unique_term(article.key));
  if (!article.url.empty()) {
    doc.add_boolean_term(schema::boolean_term(*url_, article.url));
    const std::string host = url_host(article.url);
    if (!host.empty()) doc.add_boolean_term(schema::boolean_term(*site_, host));
  }
  if (!article.language.empty()) {
    doc.add_boolean_term(schema::boolean_term(*lang_, article.language));
  }
  if (!article.source.empty()) {
    doc.add_boolean_term(schema::boolean_term(*source_, article.source));
  }
  if (article.published) index_dates(doc, *article.published);
  index_entities(doc, article.entities);
  store_facet_terms(doc);
  index_fingerprint(doc, article);
  doc.add_value(digest_slot(), prepared.digest);
  doc.add_value(
      static_cast<Xapian::valueno>(order_->slot),
      schema::order_value(article.published ? article.published->sortable() : "", article.key));
  doc.set_data(prepared.data);
  return doc;
}

}  // namespace vigil::index
