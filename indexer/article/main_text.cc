#include <cstdint>
#include <optional>
#include <string>

#include "article/article.h"

namespace vigil {
namespace {

std::string mebibytes(std::size_t bytes) {
  const std::uint64_t tenths = std::uint64_t{bytes} * 10 / (std::uint64_t{1} << 20);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

}  // namespace

std::optional<std::string> cap_main_text(Article& article, std::size_t max_bytes) {
  std::string& text = article.main_text;
  if (text.size() <= max_bytes) return std::nullopt;
  const std::size_t size = text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  // At a word boundary when one is near (a text without spaces is cut where it is).
  const std::size_t space = text.find_last_of(" \n\t", cut);
  if (space != std::string::npos && cut - space < 1024) cut = space;
  text.resize(cut);
  text.shrink_to_fit();
  return article.origin + ": main text of " + mebibytes(size) + " is over the limit of " +
         mebibytes(max_bytes) + "; only its first " + mebibytes(cut) +
         " are indexed and searchable";
}

}  // namespace vigil
