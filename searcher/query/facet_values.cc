#include "query/facet_values.h"

#include <map>

#include "vigil/names.h"
#include "vigil/text.h"

namespace vigil::query {
namespace {

std::optional<int> number_of(std::string_view text, std::size_t digits) {
  if (text.size() != digits) return std::nullopt;
  int number = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

constexpr std::string_view kFilterNames[] = {"org",      "place", "year", "month",
                                             "mentions", "lang",  "date"};

Error bad_filter(const Filter& filter, const std::string& why) {
  std::string message = "--filter ";
  message += filter.name;
  message += '=';
  message += filter.value;
  message += ": ";
  message += why;
  return Error{"bad_filter", message, "filter"};
}

}  // namespace

std::optional<std::string> resolve_facet(const Catalog& catalog, const schema::Field& field,
                                         std::string_view value) {
  const std::string lower = ascii_lower(value);
  if (!catalog.get(schema::facet_key(field.name, lower)).empty()) return lower;
  const std::string key = facet_name_key(field.name, value);
  if (key.empty()) return std::nullopt;
  const std::string alias = catalog.get(schema::alias_key(field.name, key));
  const std::size_t tab = alias.find('\t');
  if (tab != std::string::npos) return alias.substr(tab + 1);
  if (field.name == "org") {
    std::string found = found_org_id(key);
    if (!catalog.get(schema::facet_key(field.name, found)).empty()) return found;
  }
  return std::nullopt;
}

std::string facet_term(const Catalog& catalog, const schema::Field& field, std::string_view value,
                       std::vector<std::string>& notices) {
  const std::optional<std::string> id = resolve_facet(catalog, field, value);
  if (!id) {
    std::string notice = field.name == "org" ? "No organisation" : "No place";
    notice += " called \"";
    notice += value;
    notice += "\" is in the index.";
    notices.push_back(std::move(notice));
  }
  return schema::boolean_term(field, id ? *id : value);
}

std::optional<std::string> sortable_date(std::string_view text) {
  if (text.size() < 4 || !number_of(text.substr(0, 4), 4)) return std::nullopt;
  std::string out(text.substr(0, 4));
  if (text.size() == 4) return out + "0000";
  const auto month =
      text.size() >= 7 && text[4] == '-' ? number_of(text.substr(5, 2), 2) : std::nullopt;
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  out += text.substr(5, 2);
  if (text.size() == 7) return out + "00";
  const auto day =
      text.size() == 10 && text[7] == '-' ? number_of(text.substr(8, 2), 2) : std::nullopt;
  if (!day || *day < 1 || *day > 31) return std::nullopt;
  return out + std::string(text.substr(8, 2));
}

std::optional<Xapian::Query> date_range_query(Xapian::valueno slot, std::string_view begin,
                                              std::string_view end) {
  std::optional<std::string> low;
  std::optional<std::string> high;
  if (!begin.empty() && !(low = sortable_date(begin))) return std::nullopt;
  if (!end.empty()) {
    high = sortable_date(end);
    if (!high) return std::nullopt;
    // The end of a year or month: "2021" -> "20219999", "2021-05" -> "20210599".
    if (end.size() == 4) high->replace(4, 4, "9999");
    if (end.size() == 7) high->replace(6, 2, "99");
  }
  if (low && high) {
    if (*low > *high) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, *low, *high);
  }
  if (low) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, *low);
  if (high) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, *high);
  return std::nullopt;
}

std::string filter_names() {
  std::string names;
  for (const std::string_view name : kFilterNames) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

Result<Xapian::Query> filter_query(const std::vector<Filter>& filters, const Catalog& catalog,
                                   const schema::Schema& schema,
                                   std::vector<std::string>& notices) {
  std::map<std::string, std::vector<Xapian::Query>> by_name;
  for (const Filter& filter : filters) {
    if (filter.name == "date") {
      const std::size_t dots = filter.value.find("..");
      const auto slot = static_cast<Xapian::valueno>(schema.require("date").slot);
      std::optional<Xapian::Query> range;
      if (dots != std::string::npos) {
        const std::string_view value = filter.value;
        range = date_range_query(slot, value.substr(0, dots), value.substr(dots + 2));
      }
      if (!range) {
        return bad_filter(filter,
                          "expected FROM..TO, each a date (2021, 2021-05, 2021-05-12) or empty, "
                          "FROM not after TO, e.g. date=2020..2021 or date=2021-03..");
      }
      by_name[filter.name].push_back(*range);
      continue;
    }
    std::string term;
    if (filter.name == "org" || filter.name == "place") {
      term = facet_term(catalog, schema.require(filter.name), filter.value, notices);
    } else if (filter.name == "year" || filter.name == "month") {
      const std::optional<std::string> date = sortable_date(filter.value);
      const bool year = filter.name == "year";
      if (!date || (year ? filter.value.size() != 4 : filter.value.size() != 7)) {
        return bad_filter(filter, year ? "a year is four digits, e.g. year=2021"
                                       : "a month is YYYY-MM, e.g. month=2021-05");
      }
      term.assign(*date, 0, year ? 4 : 6);
      term.insert(term.begin(), year ? 'Y' : 'M');
    } else if (filter.name == "mentions") {
      const std::optional<std::string> date = sortable_date(filter.value);
      if (!date) return bad_filter(filter, "expected a year, month or day (2018, 2018-05)");
      term = schema::mentioned_terms(schema.require("mentions"), *date).back();
    } else if (filter.name == "lang") {
      term = schema::boolean_term(schema.require("lang"), filter.value);
    } else {
      std::string why = "unknown filter '";
      why += filter.name;
      why += "'; expected one of ";
      why += filter_names();
      return bad_filter(filter, why);
    }
    by_name[filter.name].emplace_back(term);
  }
  std::vector<Xapian::Query> groups;
  groups.reserve(by_name.size());
  for (auto& [name, terms] : by_name) {
    groups.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (groups.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
}

}  // namespace vigil::query
