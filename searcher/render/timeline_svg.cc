// The timeline histogram as inline SVG (render/html.h). Presentation attributes only (no style
// attributes), so a Content-Security-Policy without 'unsafe-inline' styles still renders it.
#include <algorithm>
#include <cstdio>

#include "render/html.h"
#include "render/html_write.h"

namespace vigil::render {

std::string timeline_svg(const search::Timeline& timeline, const PageContext& context) {
  if (timeline.periods.empty()) return "";
  constexpr double kWidth = 600;
  constexpr double kHeight = 100;
  std::uint64_t highest = 1;
  for (const search::FacetCount& period : timeline.periods) {
    highest = std::max(highest, period.count);
  }
  const double slot = kWidth / static_cast<double>(timeline.periods.size());
  const double gap = slot > 6 ? slot / 6 : 0;
  std::string out =
      "<svg class=\"timeline-bars\" viewBox=\"0 0 600 100\" preserveAspectRatio=\"none\" "
      "width=\"100%\" height=\"100\" aria-labelledby=\"timeline-caption\" role=\"group\">\n";
  for (std::size_t i = 0; i < timeline.periods.size(); ++i) {
    const search::FacetCount& period = timeline.periods[i];
    if (period.count == 0) continue;
    // At least 3 units high, so that a period with one article can be seen and chosen.
    const double height =
        std::max(3.0, kHeight * static_cast<double>(period.count) / static_cast<double>(highest));
    PageState state = context.state;
    state.from = period.value;
    state.to = period.value;
    state.page = 1;
    const bool chosen = context.state.from == period.value && context.state.to == period.value;
    std::string url = context.script + "?" + query_string(state);
    std::string label = human_date(period.value) + ": " + with_commas(period.count) +
                        (period.count == 1 ? " article" : " articles");
    std::string escaped_url;
    std::string escaped_label;
    html_detail::text(url, escaped_url);
    html_detail::text(label, escaped_label);
    char geometry[160];
    std::snprintf(geometry, sizeof geometry, "x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"",
                  static_cast<double>(i) * slot + gap / 2, kHeight - height, slot - gap, height);
    out += "<a href=\"";
    out += escaped_url;
    out += "\" aria-label=\"";
    out += escaped_label;
    out += '"';
    if (chosen) out += " aria-current=\"true\"";
    out += "><rect class=\"bar";
    if (chosen) out += " chosen";
    out += "\" ";
    out += geometry;
    out += "><title>";
    out += escaped_label;
    out += "</title></rect></a>\n";
  }
  out += "</svg>\n";
  return out;
}

}  // namespace vigil::render
