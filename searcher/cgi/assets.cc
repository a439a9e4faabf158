#include "cgi/assets.h"

#include <array>

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

}  // namespace vigil::cgi
