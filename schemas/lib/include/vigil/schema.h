#pragma once
// The field schema shared by vigil-index and vigil-search: which fields a document has, their
// Xapian term prefixes, value slots and weights. Parsed from schemas/fields.schema (embedded in
// both binaries at build time). The index records version() and digest() in its metadata.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/result.h"

namespace vigil::schema {

enum class FieldKind { kExact, kText, kBoolean, kDate, kValue, kFacet, kMentioned, kSimhash };

struct Field {
  std::string name;    // the query-language name: title, site, ...
  std::string prefix;  // Xapian term prefix, empty when unprefixed
  FieldKind kind = FieldKind::kText;
  int slot = -1;  // value slot, -1 when none
  bool facet = false;
  unsigned weight = 1;  // wdf increment for text fields
};

// Metadata keys written by the indexer and checked by the searcher.
inline constexpr std::string_view kMetaSchemaVersion = "vigil.schema_version";
inline constexpr std::string_view kMetaSchemaDigest = "vigil.schema_digest";

// The facet catalog, in the index metadata, written by the indexer for every facet value of a
// `facet` field it indexes, so that vigil-search can show labels and resolve names without the
// gazetteer:
//   kMetaFacetPrefix + field + "." + id      -> label + "\t" + parent id (parent may be empty)
//   kMetaAliasPrefix + field + "." + key     -> rank + "\t" + id  (key: name_key for places,
//                                               org_key for organisations; the best rank wins)
// When documents name one value differently (an organisation found in the text as "Ministry of
// Defence" and as "Ministry of Defense"), or one name stands for several values, the entry kept
// is the one catalog_entry_wins picks, whatever order the documents came in: so one index and
// the same documents split into shards (each with its own catalog) show the same labels.
inline constexpr std::string_view kMetaFacetPrefix = "vigil.facet.";
inline constexpr std::string_view kMetaAliasPrefix = "vigil.alias.";
std::string facet_key(std::string_view field, std::string_view id);
std::string alias_key(std::string_view field, std::string_view name_key);
// Whether catalog entry `a` is kept over `b` (both non-empty) under metadata key `key`: for a
// facet value, the smaller label (bytewise), then the smaller entry; for an alias, the higher
// rank, then the smaller id. Any other key: the smaller value.
bool catalog_entry_wins(std::string_view key, std::string_view a, std::string_view b);

// The terms of a date a document's text mentions (a `mentioned` field): prefix + "YYYY", and
// prefix + "YYYYMM", prefix + "YYYYMMDD" at the precision known; a day counts for its month and
// year. `sortable` is PartialDate::sortable() ("20210500" for May 2021).
std::vector<std::string> mentioned_terms(const Field& field, std::string_view sortable);

// The `order` value of a document: its sortable date ("20210500", PartialDate::sortable(); empty
// or ill-formed: unknown, as "00000000") as 4 bytes, then FNV-1a 64 of its key as 8 bytes, both
// big-endian, so that bytewise order is date order, then a fixed order of keys that does not
// depend on document ids. kOrderBytes long: a relevance sort reads it for every match. The
// indexer appends the document's facet ids (vigil/facet_ids.h), which sort after the unique first
// kOrderBytes and so change no order.
inline constexpr std::size_t kOrderBytes = 12;
std::string order_value(std::string_view sortable_date, std::string_view key);
// FNV-1a 64 of `text` as 8 big-endian bytes.
std::string hash_bytes(std::string_view text);

// The longest metadata key Xapian's glass backend accepts (its key limit, less its own prefix).
inline constexpr std::size_t kMaxMetadataKeyBytes = 240;

// The longest term Xapian 1.4 accepts is 245 bytes; longer keys are shortened with a hash.
inline constexpr std::size_t kMaxTermBytes = 240;

class Schema {
 public:
  // Parses schema text. `source_name` is used in messages: "fields.schema:12:7: unknown kind
  // 'dat'". Fails with code "invalid_schema" on any syntax error, duplicate field or missing
  // version.
  static Result<Schema> parse(std::string_view text, std::string_view source_name);

  // The schema embedded at build time. Parsed once (thread-safe); throws ConfigError if it is
  // invalid, which a unit test rules out.
  static const Schema& builtin();

  int version() const { return version_; }
  // Hex FNV-1a 64 of the schema text: changes with any edit, even without a version bump.
  const std::string& digest() const { return digest_; }
  const std::vector<Field>& fields() const { return fields_; }

  // The field called `name`, or nullptr.
  const Field* find(std::string_view name) const;
  // The field called `name`; throws ConfigError when the schema lacks it (a build defect).
  const Field& require(std::string_view name) const;

 private:
  int version_ = 0;
  std::string digest_;
  std::vector<Field> fields_;
};

// The term for a value of an exact or boolean field: prefix + value, normalised the same way for
// the indexer and for query filters: exact values are kept as they are; "site" values become
// normalize_host() ("https://WWW.Example.org/a" -> "example.org"), "lang" values
// language_subtag() ("en-GB" -> "en"), other boolean values are lower-cased (ASCII). Terms longer
// than kMaxTermBytes keep their first bytes and end in a hash of the whole value, so long URLs stay
// unique and stable.
std::string boolean_term(const Field& field, std::string_view value);

}  // namespace vigil::schema
