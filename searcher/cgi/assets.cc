#include "cgi/assets.h"

#include <array>

#include "vigil/text.h"

namespace vigil::cgi {

extern const std::string_view kStyleCss;
extern const std::string_view kSearchJs;

const Asset* find_asset(std::string_view name) {
  static const std::array<Asset, 2> kAssets = {{
      {"style.css", "text/css; charset=utf-8", kStyleCss},
      {"search.js", "text/javascript; charset=utf-8", kSearchJs},
  }};
  for (const Asset& asset : kAssets) {
    if (asset.name == name) return &asset;
  }
  return nullptr;
}

const std::string& assets_version() {
  static const std::string version = [] {
    std::string all(kStyleCss);
    all += kSearchJs;
    return hex64(fnv1a64(all)).substr(0, 10);
  }();
  return version;
}

}  // namespace vigil::cgi
