#include "vigil/schema.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include "vigil/errors.h"
#include "vigil/text.h"
#include "vigil/url.h"

namespace vigil::schema {

extern const std::string_view kEmbeddedFieldsSchema;

namespace {

struct Token {
  std::string_view text;
  std::size_t column;  // 1-based
};

std::vector<Token> split_columns(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) tokens.push_back({line.substr(start, i - start), start + 1});
  }
  return tokens;
}

bool parse_kind(std::string_view text, FieldKind& kind) {
  static constexpr std::pair<std::string_view, FieldKind> kKinds[] = {
      {"exact", FieldKind::kExact},         {"text", FieldKind::kText},
      {"boolean", FieldKind::kBoolean},     {"date", FieldKind::kDate},
      {"value", FieldKind::kValue},         {"facet", FieldKind::kFacet},
      {"mentioned", FieldKind::kMentioned}, {"simhash", FieldKind::kSimhash},
  };
  for (const auto& [name, value] : kKinds) {
    if (name == text) {
      kind = value;
      return true;
    }
  }
  return false;
}

bool parse_number(std::string_view text, int& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

class Parser {
 public:
  explicit Parser(std::string_view source_name) : source_(source_name) {}

  Error fail(std::size_t line, std::size_t column, std::string message) const {
    return Error{"invalid_schema",
                 source_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                     std::move(message),
                 source_};
  }

  // Parses the six columns of a field line into `field`; returns an error on the first bad one.
  std::optional<Error> parse_field(const std::vector<Token>& cols, std::size_t line, Field& field) {
    if (cols.size() != 6) {
      return fail(line, cols.front().column,
                  "expected 6 columns (name prefix kind slot facet weight), got " +
                      std::to_string(cols.size()));
    }
    field.name = std::string(cols[0].text);
    field.prefix = cols[1].text == "-" ? std::string() : std::string(cols[1].text);
    if (!parse_kind(cols[2].text, field.kind)) {
      return fail(line, cols[2].column,
                  "unknown field kind '" + std::string(cols[2].text) +
                      "': expected one of exact, text, boolean, date, value, facet, "
                      "mentioned, simhash");
    }
    if (cols[3].text != "-" && !parse_number(cols[3].text, field.slot)) {
      return fail(line, cols[3].column, "slot must be a number or '-'");
    }
    if (cols[4].text != "yes" && cols[4].text != "no") {
      return fail(line, cols[4].column, "facet must be 'yes' or 'no'");
    }
    field.facet = cols[4].text == "yes";
    int weight = 1;
    if (cols[5].text != "-" && (!parse_number(cols[5].text, weight) || weight == 0)) {
      return fail(line, cols[5].column, "weight must be a positive number or '-'");
    }
    field.weight = static_cast<unsigned>(weight);
    if ((field.kind == FieldKind::kDate || field.kind == FieldKind::kValue ||
         field.kind == FieldKind::kSimhash) &&
        field.slot < 0) {
      return fail(line, cols[3].column, "a date, value or simhash field needs a value slot");
    }
    if (field.kind == FieldKind::kSimhash && field.prefix.empty()) {
      return fail(line, cols[1].column, "a simhash field needs a term prefix");
    }
    return std::nullopt;
  }

 private:
  std::string source_;
};

}  // namespace

Result<Schema> Schema::parse(std::string_view text, std::string_view source_name) {
  const std::string_view whole = text;
  Parser parser(source_name);
  Schema schema;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const std::vector<Token> cols = split_columns(line);
    if (cols.empty()) continue;
    if (cols[0].text == "version") {
      if (cols.size() != 2 || !parse_number(cols[1].text, schema.version_) ||
          schema.version_ == 0) {
        return parser.fail(line_no, cols[0].column, "expected 'version N' with N > 0");
      }
      continue;
    }
    Field field;
    if (auto error = parser.parse_field(cols, line_no, field)) return *error;
    if (schema.find(field.name) != nullptr) {
      return parser.fail(line_no, cols[0].column, "duplicate field '" + field.name + "'");
    }
    for (const Field& other : schema.fields_) {
      if (field.slot >= 0 && other.slot == field.slot) {
        return parser.fail(line_no, cols[3].column,
                           "value slot " + std::to_string(field.slot) + " is already used by '" +
                               other.name + "'");
      }
    }
    schema.fields_.push_back(std::move(field));
  }
  if (schema.version_ == 0) return parser.fail(line_no, 1, "missing 'version N' line");
  schema.digest_ = hex64(fnv1a64(whole));
  return schema;
}

const Schema& Schema::builtin() {
  static const Schema schema = [] {
    Result<Schema> parsed = parse(kEmbeddedFieldsSchema, "schemas/fields.schema");
    if (!parsed) {
      throw ConfigError("built-in schema is invalid: " + parsed.error().message,
                        "this is a build defect; rebuild from a clean checkout");
    }
    return std::move(parsed).value();
  }();
  return schema;
}

const Field* Schema::find(std::string_view name) const {
  const auto it =
      std::find_if(fields_.begin(), fields_.end(), [&](const Field& f) { return f.name == name; });
  return it == fields_.end() ? nullptr : &*it;
}

const Field& Schema::require(std::string_view name) const {
  const Field* field = find(name);
  if (field == nullptr) {
    throw ConfigError("the field schema has no field '" + std::string(name) + "'",
                      "schemas/fields.schema must define it; rebuild after fixing");
  }
  return *field;
}

std::string facet_key(std::string_view field, std::string_view id) {
  std::string key(kMetaFacetPrefix);
  key += field;
  key += '.';
  key += id;
  return key;
}

std::string alias_key(std::string_view field, std::string_view name_key) {
  std::string key(kMetaAliasPrefix);
  key += field;
  key += '.';
  key += name_key;
  return key;
}

bool catalog_entry_wins(std::string_view key, std::string_view a, std::string_view b) {
  const auto before_tab = [](std::string_view entry) { return entry.substr(0, entry.find('\t')); };
  const auto after_tab = [](std::string_view entry) {
    const std::size_t tab = entry.find('\t');
    return tab == std::string_view::npos ? std::string_view() : entry.substr(tab + 1);
  };
  if (key.starts_with(kMetaAliasPrefix)) {
    std::int64_t rank_a = 0;
    std::int64_t rank_b = 0;
    const std::string_view text_a = before_tab(a);
    const std::string_view text_b = before_tab(b);
    std::from_chars(text_a.data(), text_a.data() + text_a.size(), rank_a);
    std::from_chars(text_b.data(), text_b.data() + text_b.size(), rank_b);
    if (rank_a != rank_b) return rank_a > rank_b;
    return after_tab(a) < after_tab(b);
  }
  if (key.starts_with(kMetaFacetPrefix) && before_tab(a) != before_tab(b)) {
    return before_tab(a) < before_tab(b);
  }
  return a < b;
}

namespace {

void append_big_endian(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out += static_cast<char>((value >> shift) & 0xffU);
  }
}

}  // namespace

std::string hash_bytes(std::string_view text) {
  std::string out;
  append_big_endian(out, fnv1a64(text), 8);
  return out;
}

std::string order_value(std::string_view sortable_date, std::string_view key) {
  std::uint32_t date = 0;
  const auto [end, error] =
      std::from_chars(sortable_date.data(), sortable_date.data() + sortable_date.size(), date);
  if (sortable_date.size() != 8 || error != std::errc() ||
      end != sortable_date.data() + sortable_date.size()) {
    date = 0;
  }
  std::string value;
  append_big_endian(value, date, 4);
  value += hash_bytes(key);
  return value;
}

std::vector<std::string> mentioned_terms(const Field& field, std::string_view sortable) {
  std::vector<std::string> terms;
  if (sortable.size() != 8) return terms;
  terms.push_back(field.prefix + std::string(sortable.substr(0, 4)));
  if (sortable.substr(4, 2) != "00") {
    terms.push_back(field.prefix + std::string(sortable.substr(0, 6)));
  }
  if (sortable.substr(6, 2) != "00") terms.push_back(field.prefix + std::string(sortable));
  return terms;
}

std::string boolean_term(const Field& field, std::string_view value) {
  std::string term = field.prefix;
  if (field.kind == FieldKind::kExact) {
    term += value;
  } else if (field.name == "site") {
    term += normalize_host(value);
  } else if (field.name == "lang") {
    term += language_subtag(value);
  } else {
    term += ascii_lower(value);
  }
  if (term.size() <= kMaxTermBytes) return term;
  // Keep a readable head and make the tail unique: head + '#' + hash of the whole value.
  const std::string digest = hex64(fnv1a64(value));
  term.resize(kMaxTermBytes - digest.size() - 1);
  // Do not cut a UTF-8 sequence in half.
  while (!term.empty() && (static_cast<unsigned char>(term.back()) & 0xC0) == 0x80) term.pop_back();
  if (!term.empty() && static_cast<unsigned char>(term.back()) >= 0xC0) term.pop_back();
  return term + "#" + digest;
}

}  // namespace vigil::schema
