#pragma once
// The nearest-rank percentile the benchmark drivers report (p in 0..1; 0 for no values).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace vigil::bench {

inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index =
      static_cast<std::size_t>(std::lround(p * static_cast<double>(values.size() - 1)));
  return values[std::min(index, values.size() - 1)];
}

}  // namespace vigil::bench
