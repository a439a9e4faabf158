#pragma once
// A small stderr logger. Stdout is the product; every diagnostic goes to stderr.
// Lines look like "vigil-index: warning: a.jsonl:12: invalid JSON, skipped". With timestamps on
// (long runs whose stderr goes to a log, such as the indexer under cron) each line starts with an
// ISO 8601 UTC timestamp.
// Not thread-safe: one Logger per thread, or external locking.

#include <cstdio>
#include <string>
#include <string_view>

namespace vigil {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

// Parses "error", "warn", "info", "debug"; returns false for anything else.
bool parse_log_level(std::string_view text, LogLevel& level);

class Logger {
 public:
  // `program` prefixes every line; `out` defaults to stderr and is not owned.
  explicit Logger(std::string program, LogLevel level = LogLevel::kInfo, std::FILE* out = nullptr);

  // Prefix lines with a UTC timestamp. `when_not_a_tty`: only if the output is not a terminal.
  void set_timestamps(bool on, bool when_not_a_tty = true);

  void set_level(LogLevel level) { level_ = level; }
  LogLevel level() const { return level_; }
  bool enabled(LogLevel level) const { return level <= level_; }

  void error(std::string_view message, std::string_view hint = {}) const;
  void warn(std::string_view message) const;
  void info(std::string_view message) const;
  void debug(std::string_view message) const;

 private:
  void write(std::string_view tag, std::string_view message) const;

  std::string program_;
  LogLevel level_;
  std::FILE* out_;
  bool timestamps_;
};

}  // namespace vigil
