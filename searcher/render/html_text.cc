// Small text helpers of the results page (render/html.h).
#include <array>
#include <cstdint>

#include "render/html.h"

namespace vigil::render {

std::string human_date(std::string_view iso) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const auto digits = [&](std::size_t from, std::size_t count) {
    int number = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return -1;
      number = number * 10 + (iso[i] - '0');
    }
    return number;
  };
  if (digits(0, 4) < 0) return std::string(iso);
  if (iso.size() == 4) return std::string(iso);
  const int month = iso.size() >= 7 && iso[4] == '-' ? digits(5, 2) : -1;
  if (month < 1 || month > 12) return std::string(iso);
  std::string out(kMonths[static_cast<std::size_t>(month - 1)]);
  out += ' ';
  out += iso.substr(0, 4);
  if (iso.size() == 7) return out;
  const int day = iso.size() == 10 && iso[7] == '-' ? digits(8, 2) : -1;
  if (day < 1 || day > 31) return std::string(iso);
  return std::to_string(day) + " " + out;
}

std::string with_commas(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, 1, ',');
  return digits;
}

std::string safe_link(std::string_view url) {
  const auto starts = [&](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != scheme[i]) return false;
    }
    return true;
  };
  if (!starts("http://") && !starts("https://")) return "";
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return "";
  }
  return std::string(url);
}

}  // namespace vigil::render
