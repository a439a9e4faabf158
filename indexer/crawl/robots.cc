#include "crawl/robots.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_set>

#include "crawl/robots_match.h"
#include "vigil/text.h"

namespace vigil::crawl {
namespace {

enum class Key { user_agent, allow, disallow, crawl_delay, sitemap, unknown };

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// Spellings accepted for each key, including the misspellings Google's parser accepts.
Key key_of(std::string_view raw) {
  struct Spelling {
    std::string_view text;
    Key key;
  };
  static constexpr std::array<Spelling, 12> kSpellings{{
      {"user-agent", Key::user_agent},
      {"useragent", Key::user_agent},
      {"user agent", Key::user_agent},
      {"allow", Key::allow},
      {"disallow", Key::disallow},
      {"dissallow", Key::disallow},
      {"dissalow", Key::disallow},
      {"disalow", Key::disallow},
      {"diasllow", Key::disallow},
      {"disallaw", Key::disallow},
      {"crawl-delay", Key::crawl_delay},
      {"sitemap", Key::sitemap},
  }};
  for (const Spelling& s : kSpellings) {
    if (ascii_iequals(raw, s.text)) return s.key;
  }
  return Key::unknown;
}

// The leading run of letters, "_" and "-": a product token (RFC 9309 section 2.2.1).
std::string_view product_token_of(std::string_view value) {
  std::size_t end = 0;
  while (end < value.size()) {
    const char c = value[end];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    if (!ok) break;
    ++end;
  }
  return value.substr(0, end);
}

// Decimal seconds: digits with an optional fraction. Exponents, signs, "inf" and "nan" are
// refused, as is anything after the number.
std::optional<double> parse_delay(std::string_view value) {
  if (value.empty() || value.find_first_not_of("0123456789.") != std::string_view::npos ||
      value.find('.') != value.rfind('.') || value == ".") {
    return std::nullopt;
  }
  double seconds = 0;
  const auto [end, error] =
      std::from_chars(value.data(), value.data() + value.size(), seconds, std::chars_format::fixed);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return std::min(seconds, kMaxCrawlDelaySeconds);
}

// What the lines of the groups for one audience (our crawler, or "*") add up to.
struct Collected {
  bool matched = false;  // some user-agent line named this audience
  std::vector<std::pair<std::string, bool>> rules;
  std::optional<double> crawl_delay;

  void add(Key key, std::string_view value) {
    if (key == Key::crawl_delay) {
      const std::optional<double> delay = parse_delay(value);
      if (delay && (!crawl_delay || *delay > *crawl_delay)) crawl_delay = delay;
    } else if (!value.empty()) {
      rules.emplace_back(normalize_robots_pattern(value), key == Key::allow);
    }
  }
};

// The body without a BOM, cut to kMaxRobotsBytes at a line end.
std::string_view usable_part(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (body.size() <= kMaxRobotsBytes) return body;
  body = body.substr(0, kMaxRobotsBytes);
  const std::size_t last_end = body.find_last_of("\r\n");
  return last_end == std::string_view::npos ? std::string_view() : body.substr(0, last_end);
}

// Splits "key: value" (or "key value" when the colon is missing) into a known key and a value.
std::pair<Key, std::string_view> split_line(std::string_view line) {
  if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    const Key key = key_of(trim(line.substr(0, colon)));
    if (key != Key::unknown) return {key, trim(line.substr(colon + 1))};
  }
  const std::size_t space = line.find_first_of(" \t");
  if (space == std::string_view::npos) return {Key::unknown, {}};
  return {key_of(line.substr(0, space)), trim(line.substr(space + 1))};
}

}  // namespace

RobotsRules RobotsRules::allow_all() { return RobotsRules(); }

RobotsRules RobotsRules::disallow_all() {
  RobotsRules rules;
  rules.rules_.push_back(Rule{"/", false});
  return rules;
}

bool RobotsRules::allowed(std::string_view path_and_query) const {
  std::string path = normalize_robots_path(path_and_query);
  if (path.empty() || path.front() != '/') path.insert(0, 1, '/');
  if (path == "/robots.txt") return true;
  for (const Rule& rule : rules_) {
    if (robots_pattern_matches(rule.pattern, path)) return rule.allow;
  }
  return true;
}

RobotsRules parse_robots(std::string_view body, std::string_view product_token) {
  const std::string_view ours = product_token_of(trim(product_token));
  Collected for_us;
  Collected for_all;
  bool in_group = false;   // a user-agent line has been seen
  bool in_agents = false;  // the last group line was a user-agent line
  bool group_us = false;   // the current group names our crawler
  bool group_all = false;  // the current group is for "*"
  std::unordered_set<std::string> seen_sitemaps;
  RobotsRules result;

  std::string_view text = usable_part(body);
  while (!text.empty()) {
    const std::size_t end = std::min(text.find_first_of("\r\n"), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const auto [key, value] = split_line(line);
    switch (key) {
      case Key::unknown:
        break;
      case Key::sitemap:
        if (!value.empty() && seen_sitemaps.emplace(value).second) {
          result.sitemaps_.emplace_back(value);
        }
        break;
      case Key::user_agent:
        if (!in_agents) group_us = group_all = false;
        in_group = in_agents = true;
        if (!value.empty() && value.front() == '*') {
          group_all = true;
        } else if (!ours.empty() && ascii_iequals(product_token_of(value), ours)) {
          group_us = true;
        }
        for_us.matched = for_us.matched || group_us;
        for_all.matched = for_all.matched || group_all;
        break;
      case Key::allow:
      case Key::disallow:
      case Key::crawl_delay:
        in_agents = false;
        if (!in_group) break;
        if (group_us) for_us.add(key, value);
        if (group_all) for_all.add(key, value);
        break;
    }
  }

  Collected& chosen = for_us.matched ? for_us : for_all;
  result.crawl_delay_ = chosen.crawl_delay;
  result.rules_.reserve(chosen.rules.size());
  for (auto& [pattern, allow] : chosen.rules) {
    result.rules_.push_back(RobotsRules::Rule{std::move(pattern), allow});
  }
  std::stable_sort(result.rules_.begin(), result.rules_.end(), [](const auto& a, const auto& b) {
    if (a.pattern.size() != b.pattern.size()) {
      return a.pattern.size() > b.pattern.size();
    }
    return a.allow && !b.allow;
  });
  return result;
}

}  // namespace vigil::crawl
