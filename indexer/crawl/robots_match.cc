#include "crawl/robots_match.h"

#include "crawl/percent.h"

namespace vigil::crawl {

std::string normalize_robots_pattern(std::string_view pattern) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::string out;
  if (!pattern.empty() && pattern.front() != '/' && pattern.front() != '*') out += '/';
  while (true) {
    const std::size_t star = pattern.find('*');
    out += normalize_percent_encoding(pattern.substr(0, star), UrlComponent::robots);
    if (star == std::string_view::npos) break;
    out += '*';
    pattern.remove_prefix(star + 1);
  }
  if (anchored) out += '$';
  return out;
}

std::string normalize_robots_path(std::string_view path_and_query) {
  return normalize_percent_encoding(path_and_query, UrlComponent::robots);
}

bool robots_pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // The piece before the first "*" must match at the start of the path.
  std::size_t star = pattern.find('*');
  const std::string_view head = pattern.substr(0, star);
  if (path.substr(0, head.size()) != head) return false;
  if (star == std::string_view::npos) return !anchored || path.size() == head.size();
  std::size_t pos = head.size();
  pattern.remove_prefix(star + 1);
  // Each later piece is placed at its leftmost occurrence: an earlier placement never rules out
  // a match that a later one would allow, so no alternative placements need to be tried.
  while ((star = pattern.find('*')) != std::string_view::npos) {
    const std::string_view piece = pattern.substr(0, star);
    if (!piece.empty()) {
      const std::size_t found = path.find(piece, pos);
      if (found == std::string_view::npos) return false;
      pos = found + piece.size();
    }
    pattern.remove_prefix(star + 1);
  }
  // The last piece: anywhere after `pos`, or, when anchored, exactly at the end.
  if (!anchored) return pattern.empty() || path.find(pattern, pos) != std::string_view::npos;
  return path.size() - pos >= pattern.size() &&
         path.substr(path.size() - pattern.size()) == pattern;
}

}  // namespace vigil::crawl
