#include "query/query_builder.h"

#include "vigil/analysis.h"
#include "vigil/text.h"

namespace vigil::query {
namespace {

// A filter field: the typed value becomes the term the indexer wrote, through the same
// normalisation (schema::boolean_term: "www." and case for site:, "en" for lang:en-GB).
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterProcessor(schema::Field field) : field_(std::move(field)) {}

  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::boolean_term(field_, value));
  }

 private:
  schema::Field field_;
};

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

void configure(Xapian::QueryParser& parser, const Xapian::Database& db,
               const schema::Schema& schema) {
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem(std::string(analysis::kStemmerLanguage)));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD);
  for (const schema::Field& field : schema.fields()) {
    if (field.name == "body" || field.name == "id") continue;
    switch (field.kind) {
      case schema::FieldKind::kText:
        if (!field.prefix.empty()) parser.add_prefix(field.name, field.prefix);
        break;
      case schema::FieldKind::kBoolean:
      case schema::FieldKind::kExact:
        parser.add_boolean_prefix(field.name, (new FilterProcessor(field))->release());
        break;
      case schema::FieldKind::kDate:
      case schema::FieldKind::kValue:
        break;
    }
  }
}

}  // namespace

Result<ParsedQuery> build_query(std::string_view text, const Xapian::Database& db,
                                const schema::Schema& schema) {
  if (text.size() > kMaxQueryBytes) {
    return Error{"query_too_long",
                 "the query is " + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(kMaxQueryBytes),
                 "query"};
  }
  const std::string query_text = to_valid_utf8(text);
  Xapian::QueryParser parser;
  configure(parser, db, schema);
  ParsedQuery parsed;
  try {
    parsed.query = parser.parse_query(query_text, kFlags);
  } catch (const Xapian::QueryParserError& e) {
    // Do not fail the user: search the words as written, and say so.
    try {
      parsed.query = parser.parse_query(query_text, 0);
    } catch (const Xapian::QueryParserError& again) {
      return Error{"bad_query", "the query could not be read: " + again.get_msg(), "query"};
    }
    parsed.notice = "The query could not be read as written (" + e.get_msg() +
                    "), so its words were searched instead.";
  }
  if (parsed.query.empty()) {
    return Error{"empty_query", "the query has no words to search for", "query"};
  }
  return parsed;
}

}  // namespace vigil::query
