#pragma once
// gzip compression for building test inputs (the library only decompresses).

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil::test {

// `data` as one gzip member.
std::string gzip(std::string_view data);

// A gzip member that decompresses to `size` zero bytes, built without holding them in memory.
std::string gzip_zeros(std::size_t size);

}  // namespace vigil::test
