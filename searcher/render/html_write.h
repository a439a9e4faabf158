#pragma once
// Writing helpers shared by the results page's files (html.cc, html_results.cc,
// timeline_svg.cc). Internal to vigil_render.

#include <string>
#include <string_view>

#include "render/html.h"
#include "vigil/text.h"

namespace vigil::render::html_detail {

// The parts appended in order (GCC 12 warns falsely about "literal" + std::string).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

// Element text or attribute value: escaped, ill-formed UTF-8 repaired.
inline void text(std::string_view value, std::string& out) {
  if (is_valid_utf8(value)) {
    append_html_escaped(value, out);
  } else {
    append_html_escaped(to_valid_utf8(value), out);
  }
}

// A link to the page showing `state`, escaped for an attribute.
inline std::string href(const PageContext& context, const PageState& state) {
  std::string url = context.script;
  const std::string parameters = query_string(state);
  if (!parameters.empty()) {
    url += '?';
    url += parameters;
  }
  std::string out;
  text(url, out);
  return out;
}

inline void link(const PageContext& context, const PageState& state, std::string_view attributes,
                 std::string_view label_html, std::string& out) {
  out += "<a href=\"";
  out += href(context, state);
  out += '"';
  if (!attributes.empty()) {
    out += ' ';
    out += attributes;
  }
  out += '>';
  out += label_html;
  out += "</a>";
}

inline std::string escaped(std::string_view value) {
  std::string out;
  text(value, out);
  return out;
}

inline void hidden(std::string_view name, std::string_view value, std::string& out) {
  out += "<input type=\"hidden\" name=\"";
  out += name;
  out += "\" value=\"";
  text(value, out);
  out += "\">";
}

// Parts of the results list (html_results.cc).
void hit_item(const search::Hit& hit, const PageContext& context, std::string& out);
void pagination(const search::SearchResult& result, const PageContext& context, std::string& out);
void empty_result(const search::SearchResult& result, const PageContext& context, std::string& out);

}  // namespace vigil::render::html_detail
