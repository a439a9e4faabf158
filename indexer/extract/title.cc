#include "extract/title.h"

#include <array>
#include <vector>

#include "extract/dom.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

constexpr std::array<std::string_view, 7> kSeparators = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " :: ", " \xC2\xBB "};

// Lower-case ASCII letters and digits only, other bytes (UTF-8 letters) kept: "BBC News" ->
// "bbcnews", "Aktuálně.cz" -> "aktuálněcz".
std::string squeeze(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const char l = ascii_lower(c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || static_cast<unsigned char>(c) >= 0x80) {
      out += l;
    }
  }
  return out;
}

bool names_site(std::string_view segment, std::string_view site_name, std::string_view label) {
  const std::string part = squeeze(segment);
  if (part.empty()) return false;
  if (!site_name.empty()) {
    const std::string site = collapse(site_name);
    const std::string seg = collapse(segment);
    if (ascii_iequals(seg, site)) return true;
    // The site's name may go on ("Aktuálně.cz - Víte, co se právě děje").
    if (site.size() > seg.size() && ascii_istarts_with(site, seg)) {
      const char next = site[seg.size()];
      if (next == ' ' || next == '.' || next == ',' || next == ':' || next == '|') return true;
    }
  }
  // The host's label, perhaps with its top-level domain ("Wikipedia", "Wikipedia.org").
  return !label.empty() &&
         (part == label || (part.rfind(label, 0) == 0 && part.size() <= label.size() + 3));
}

struct Split {
  std::size_t at = std::string_view::npos;
  std::size_t length = 0;
};

// The first or last separator in `title`.
Split find_separator(std::string_view title, bool last) {
  Split best;
  for (const std::string_view separator : kSeparators) {
    const std::size_t at = last ? title.rfind(separator) : title.find(separator);
    if (at == std::string_view::npos) continue;
    if (best.at == std::string_view::npos || (last ? at > best.at : at < best.at)) {
      best = {at, separator.size()};
    }
  }
  return best;
}

}  // namespace

std::string main_host_label(std::string_view host) {
  std::vector<std::string_view> labels;
  for (std::size_t pos = 0; pos <= host.size();) {
    const std::size_t dot = std::min(host.find('.', pos), host.size());
    if (dot > pos) labels.push_back(host.substr(pos, dot - pos));
    pos = dot + 1;
  }
  if (labels.size() < 2) return labels.empty() ? std::string() : ascii_lower(labels.front());
  labels.pop_back();  // the top-level domain
  // A country code's generic second level: co.uk, com.au, org.br, ac.jp, gov.in ...
  if (labels.size() >= 2 && host.size() >= 3 && host[host.size() - 3] == '.') {
    const std::string second = ascii_lower(labels.back());
    if (second == "co" || second == "com" || second == "org" || second == "net" || second == "ac" ||
        second == "gov" || second == "gob" || second == "or" || second == "ne") {
      labels.pop_back();
    }
  }
  return ascii_lower(labels.back());
}

std::string strip_site_name(std::string_view title, std::string_view site_name,
                            std::string_view host) {
  const std::string label = main_host_label(host);
  std::string_view rest = trim(title);
  const Split last = find_separator(rest, true);
  if (last.at != std::string_view::npos &&
      names_site(rest.substr(last.at + last.length), site_name, label)) {
    rest = trim(rest.substr(0, last.at));
  }
  const Split first = find_separator(rest, false);
  if (first.at != std::string_view::npos &&
      names_site(rest.substr(0, first.at), site_name, label)) {
    rest = trim(rest.substr(first.at + first.length));
  }
  return rest.empty() ? std::string(trim(title)) : std::string(rest);
}

}  // namespace vigil::extract
