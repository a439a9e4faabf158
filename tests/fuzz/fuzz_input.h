#pragma once
// Splitting one fuzzer input into the arguments of the function under test: a target that needs
// a short parameter (a charset, a base URL, a publication date) takes it from the input's first
// line, so the fuzzer mutates it along with the body and a seed file stays readable.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigil::fuzz {

class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  // The bytes before the first '\n' of the first `max` bytes, consumed with that '\n'; without
  // one there, the first `max` bytes (or the whole input, when shorter).
  std::string_view line(std::size_t max = 256) {
    const std::size_t end = rest_.substr(0, max).find('\n');
    const std::size_t taken = end == std::string_view::npos ? std::min(max, rest_.size()) : end;
    const std::string_view value = rest_.substr(0, taken);
    rest_.remove_prefix(end == std::string_view::npos ? taken : taken + 1);
    return value;
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

}  // namespace vigil::fuzz
