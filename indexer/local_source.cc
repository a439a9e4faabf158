#include "local_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "extract/html_reader.h"
#include "warc/reader.h"
#include "warc/warc_article.h"

namespace fs = std::filesystem;

namespace vigil::indexer {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         std::equal(suffix.rbegin(), suffix.rend(), text.rbegin(), [](char a, char b) {
           return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
         });
}

void collect_directory(const fs::path& dir, InputSet& out) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.problems.push_back({"unreadable", "cannot read directory: " + ec.message(), dir.string()});
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      out.problems.push_back(
          {"unreadable", "cannot read directory: " + ec.message(), dir.string()});
      return;
    }
    if (it->is_regular_file(ec)) found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  for (std::string& path : found) {
    InputKind kind = InputKind::kHtml;
    if (classify(path, kind)) {
      out.files.push_back({std::move(path), kind});
    } else {
      ++out.ignored;
    }
  }
}

std::string mebibytes(std::uintmax_t bytes) {
  const auto tenths = static_cast<std::uintmax_t>(bytes * 10 / (1U << 20));
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  // A plain file too large is refused by its size, before a byte is read into memory.
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(path, size_error);
  if (!size_error && !path.ends_with(".gz") && size > max_bytes) {
    return Error{"too_large",
                 "the file is " + mebibytes(size) + ", larger than the limit of " +
                     std::to_string(max_bytes >> 20) + " MiB",
                 path};
  }
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Error{"unreadable", std::string("cannot open: ") + std::strerror(errno), path};
  }
  std::string bytes;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) {
      gzclose(file);
      return Error{
          "too_large",
          "larger than the limit of " + std::to_string(max_bytes >> 20) + " MiB once decompressed",
          path};
    }
  }
  if (n < 0) {
    int code = 0;
    std::string why = gzerror(file, &code);
    gzclose(file);
    return Error{"unreadable", "cannot read: " + why, path};
  }
  gzclose(file);
  return bytes;
}

}  // namespace

bool classify(const std::string& path, InputKind& kind) {
  if (ends_with(path, ".warc") || ends_with(path, ".warc.gz") || ends_with(path, ".warc.gz.open")) {
    kind = InputKind::kWarc;
    return true;
  }
  const std::string name = ends_with(path, ".gz") ? path.substr(0, path.size() - 3) : path;
  if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml")) {
    kind = InputKind::kHtml;
    return true;
  }
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) {
    kind = InputKind::kJsonl;
    return true;
  }
  return false;
}

InputSet collect_inputs(const std::vector<std::string>& paths) {
  InputSet out;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.problems.push_back({"missing", "no such file or directory", path});
    } else if (fs::is_directory(status)) {
      collect_directory(path, out);
    } else {
      InputKind kind = InputKind::kHtml;
      if (classify(path, kind)) {
        out.files.push_back({path, kind});
      } else {
        out.problems.push_back(
            {"unsupported",
             "not an importable file: expected .html, .htm, .jsonl or .warc (also .gz)", path});
      }
    }
  }
  return out;
}

std::string file_url(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  const std::string text = absolute.lexically_normal().string();
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == '%' || byte == '#' || byte == '?' || byte >= 0x7F) {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0xF];
    } else {
      url += c;
    }
  }
  return url;
}

Result<Article> read_html_file(const std::string& path, const std::string& url,
                               std::size_t max_bytes) {
  Result<std::string> bytes = read_file(path, max_bytes);
  if (!bytes) return bytes.error();
  return extract::read_html({bytes.value(), url.empty() ? file_url(path) : url, path});
}

std::string WarcStats::describe() const {
  std::string text = std::to_string(records) + " records: " + std::to_string(pages) +
                     " HTML pages, " + std::to_string(quiet) + " other records skipped, " +
                     std::to_string(errors) + " errors";
  if (other_shard != 0) {
    text += ", ";
    text += std::to_string(other_shard);
    text += " pages of other shards";
  }
  return text;
}

WarcStats read_warc_file(const std::string& path,
                         const std::function<bool(Result<Article>&&)>& sink, Shard shard,
                         std::size_t max_bytes) {
  WarcStats stats;
  warc::Reader reader(path);
  for (;;) {
    Result<std::optional<warc::Record>> next = reader.next();
    if (!next) {
      ++stats.errors;
      if (!sink(next.error())) break;
      continue;
    }
    if (!next.value()) break;
    const warc::Record& record = *next.value();
    ++stats.records;
    const std::string origin = path + "@" + std::to_string(record.offset);
    if (!shard.whole()) {
      // Judged by the headers: a page of another shard is not decoded, let alone read.
      const Result<warc::ArchivedPage> head = warc::archived_page_head(record);
      if (!head && warc::is_quiet_skip(head.error())) {
        ++stats.quiet;
        continue;
      }
      if (head && !in_shard(head.value().url, shard)) {
        ++stats.other_shard;
        if (!sink(other_shard(head.value().url, shard, origin))) break;
        continue;
      }
    }
    Result<Article> article = warc::warc_article(record, origin, max_bytes);
    if (!article && warc::is_quiet_skip(article.error())) {
      ++stats.quiet;
      continue;
    }
    ++stats.pages;
    if (!sink(std::move(article))) break;
  }
  return stats;
}

}  // namespace vigil::indexer
