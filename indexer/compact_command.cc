#include "compact_command.h"

#include <chrono>
#include <cstdio>

#include "index/index_lock.h"
#include "vigil/errors.h"

namespace vigil::indexer {

std::string human_bytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB"};
  if (bytes < 1000) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1000;
  std::size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::string compact_summary_line(const std::string& dir, const index::CompactReport& report,
                                 double seconds) {
  char figures[64];
  std::snprintf(figures, sizeof figures, ", %llu documents, %.1f s",
                static_cast<unsigned long long>(report.documents), seconds);
  std::string line = "compacted ";
  line += dir;
  line += ": ";
  line += human_bytes(report.bytes_before);
  line += " -> ";
  line += human_bytes(report.bytes_after);
  line += figures;
  return line;
}

int run_compact(const IndexerConfig& config, const Logger& log) {
  const auto start = std::chrono::steady_clock::now();
  // Before the lock, which would create the directory.
  if (index::inspect(config.db).kind == index::LayoutKind::kMissing) {
    throw RuntimeError("no index at '" + config.db + "'",
                       "build one with: vigil-index add --db " + config.db + " FILES...");
  }
  const index::IndexLock lock = index::IndexLock::acquire(config.db, config.wait_lock_seconds);
  log.debug("compacting " + index::inspect(config.db).live);
  const index::CompactReport report = index::compact(config.db);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The summary is the product of a run: always printed, whatever the log level.
  std::fprintf(stderr, "vigil-index: %s\n",
               compact_summary_line(config.db, report, seconds).c_str());
  return kExitOk;
}

}  // namespace vigil::indexer
