#include "vigil/log.h"

#include <unistd.h>

#include <ctime>
#include <utility>

namespace vigil {

bool parse_log_level(std::string_view text, LogLevel& level) {
  if (text == "error") {
    level = LogLevel::kError;
  } else if (text == "warn" || text == "warning") {
    level = LogLevel::kWarn;
  } else if (text == "info") {
    level = LogLevel::kInfo;
  } else if (text == "debug") {
    level = LogLevel::kDebug;
  } else {
    return false;
  }
  return true;
}

Logger::Logger(std::string program, LogLevel level, std::FILE* out)
    : program_(std::move(program)),
      level_(level),
      out_(out != nullptr ? out : stderr),
      timestamps_(false) {}

void Logger::set_timestamps(bool on, bool when_not_a_tty) {
  timestamps_ = on && (!when_not_a_tty || isatty(fileno(out_)) == 0);
}

void Logger::error(std::string_view message, std::string_view hint) const {
  write("error", message);
  if (!hint.empty()) std::fprintf(out_, "hint: %.*s\n", static_cast<int>(hint.size()), hint.data());
}

void Logger::warn(std::string_view message) const {
  if (enabled(LogLevel::kWarn)) write("warning", message);
}

void Logger::info(std::string_view message) const {
  if (enabled(LogLevel::kInfo)) write("info", message);
}

void Logger::debug(std::string_view message) const {
  if (enabled(LogLevel::kDebug)) write("debug", message);
}

void Logger::write(std::string_view tag, std::string_view message) const {
  if (timestamps_) {
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &utc);
    std::fputs(stamp, out_);
  }
  std::fprintf(out_, "%s: %.*s: %.*s\n", program_.c_str(), static_cast<int>(tag.size()), tag.data(),
               static_cast<int>(message.size()), message.data());
}

}  // namespace vigil
