#include "reindex.h"

#include <xapian.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "entities/recognise.h"
#include "extract/html_reader.h"
#include "index/fetch_log.h"
#include "index/index_writer.h"
#include "index/store.h"
#include "local_source.h"
#include "pipeline.h"
#include "vigil/errors.h"
#include "vigil/record.h"
#include "vigil/schema.h"
#include "vigil/text.h"
#include "warc/reader.h"
#include "warc/warc_article.h"
#include "warc/writer.h"

namespace vigil::indexer {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxPageBytes = std::size_t{64} << 20;

// The path of a file:// URL that file_url() (local_source.h) wrote; "" for other URLs.
std::string file_path(const std::string& url) {
  constexpr std::string_view kScheme = "file://";
  if (url.rfind(kScheme, 0) != 0) return {};
  std::string path;
  for (std::size_t i = kScheme.size(); i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size() &&
        std::isxdigit(static_cast<unsigned char>(url[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(url[i + 2])) != 0) {
      path += static_cast<char>(std::stoi(url.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      path += url[i];
    }
  }
  return path;
}

// Metadata the new database gets from the writer itself rather than from the live one.
bool stamped_by_writer(const std::string& key) {
  return key == schema::kMetaSchemaVersion || key == schema::kMetaSchemaDigest;
}

class Rebuild {
 public:
  Rebuild(const IndexerConfig& config, const Logger& log, const std::atomic<bool>& stop,
          const Xapian::Database& live, index::IndexWriter& writer,
          const std::optional<entities::Recogniser>& recogniser, ReindexReport& report)
      : config_(config),
        log_(log),
        stop_(stop),
        live_(live),
        writer_(writer),
        recogniser_(recogniser),
        report_(report) {}

  void run() {
    copy_metadata();
    index::for_each_fetch_record(live_, [&](index::FetchRecord&& record) {
      if (record.outcome == "article" && !record.key.empty()) {
        std::string url = record.url;
        articles_.emplace(std::move(url), std::move(record));
      }
    });
    for (const std::string& file : warc::list_files(config_.db + "/" + index::kArchiveDirName)) {
      if (stop_.load()) return;
      ++report_.warc_files;
      read_warc(file);
    }
    rebuild_the_rest();
  }

 private:
  void copy_metadata() {
    for (auto it = live_.metadata_keys_begin(); it != live_.metadata_keys_end(); ++it) {
      if (!stamped_by_writer(*it)) writer_.set_metadata(*it, live_.get_metadata(*it));
    }
  }

  void write(Article&& article) {
    if (const std::optional<std::string> cut = cap_main_text(article)) log_.warn(*cut);
    if (recogniser_) article.entities = recogniser_->recognise(article);
    writer_.write(article);
    done_.insert(article.key);
  }

  void read_warc(const std::string& file) {
    warc::Reader reader(file);
    for (;;) {
      if (stop_.load()) return;
      Result<std::optional<warc::Record>> next = reader.next();
      if (!next) {
        ++report_.bad_records;
        log_.warn(next.error().describe() + "; that record is skipped");
        continue;
      }
      if (!next.value()) return;
      const warc::Record& record = *next.value();
      const std::string type = record.header("WARC-Type");
      if (type != "response" && type != "resource") continue;
      Result<warc::ArchivedPage> page = warc::archived_page(record, kMaxPageBytes);
      if (!page) continue;  // not a 200 HTML page: not what an article was indexed from
      const auto it = articles_.find(page.value().url);
      if (it == articles_.end() || rebuilt_urls_.contains(it->first)) continue;
      if (hex64(fnv1a64(page.value().body)) != it->second.content_hash) continue;  // another day's
      rebuild(it->second, page.value(), file + "@" + std::to_string(record.offset));
    }
  }

  // The page as the crawler read it (crawler.cc on_page), under the key the crawl gave it.
  void rebuild(index::FetchRecord& fetched, const warc::ArchivedPage& page,
               const std::string& origin) {
    rebuilt_urls_.insert(fetched.url);
    Result<extract::PageReading> reading =
        extract::read_page(extract::HtmlInput{page.body, page.url, origin, page.content_type});
    if (!reading || reading.value().kind != extract::PageKind::kArticle ||
        reading.value().noindex) {
      // The extractor now judges otherwise: not indexed, and the fetch log says so.
      ++report_.not_articles;
      log_.info(origin + " (" + fetched.url + "): no longer read as an article; not indexed");
      fetched.outcome = reading ? "not_article" : "not_html";
      fetched.reason = reading ? reading.value().reason : reading.error().message;
      fetched.key.clear();
      writer_.record_fetch(fetched);
      return;
    }
    Article& article = reading.value().article;
    article.links.clear();
    article.key = fetched.key;
    article.url = fetched.key;
    write(std::move(article));
    ++report_.from_warc;
  }

  // Documents of the live index no archived page rebuilt: files read again, others copied.
  void rebuild_the_rest() {
    for (auto it = live_.postlist_begin(""); it != live_.postlist_end(""); ++it) {
      if (stop_.load()) return;
      const Xapian::Document doc = live_.get_document(*it);
      const StoredRecord stored = decode_record(doc.get_data());
      if (stored.key.empty() || done_.contains(stored.key)) continue;
      if (stored.key.rfind("file://", 0) == 0) {
        const std::string path = file_path(stored.key);
        std::error_code ec;
        if (!path.empty() && std::filesystem::is_regular_file(path, ec)) {
          Result<Article> article = read_html_file(path, stored.key);
          if (article) {
            write(std::move(article.value()));
            ++report_.from_files;
            continue;
          }
          log_.warn(article.error().describe() + "; the stored document is kept as it was");
        }
      }
      writer_.copy(stored.key, doc);
      done_.insert(stored.key);
      ++report_.copied;
    }
  }

  const IndexerConfig& config_;
  const Logger& log_;
  const std::atomic<bool>& stop_;
  const Xapian::Database& live_;
  index::IndexWriter& writer_;
  const std::optional<entities::Recogniser>& recogniser_;
  ReindexReport& report_;
  std::unordered_map<std::string, index::FetchRecord> articles_;  // by URL
  std::unordered_set<std::string> rebuilt_urls_;
  std::unordered_set<std::string> done_;  // keys written to the new database
};

}  // namespace

ReindexReport run_reindex(const IndexerConfig& config, const Logger& log,
                          const std::atomic<bool>& stop) {
  const auto start = Clock::now();
  ReindexReport report;
  const index::IndexLock lock = index::IndexLock::acquire(config.db, config.wait_lock_seconds);
  Xapian::Database live;
  try {
    live = Xapian::Database(config.db);
  } catch (const Xapian::Error& e) {
    throw RuntimeError("cannot open index '" + config.db + "': " + e.get_description(),
                       "--db must name an index built by vigil-index");
  }
  const std::optional<entities::Recogniser> recogniser = load_recogniser(config);
  const std::string generation = index::new_generation(config.db);
  try {
    {
      index::WriterOptions options = writer_options(config, recogniser);
      options.exact_path = true;  // the new generation itself, not an index directory
      index::IndexWriter writer(generation, schema::Schema::builtin(), std::move(options));
      Rebuild(config, log, stop, live, writer, recogniser, report).run();
      writer.commit();
      report.documents = writer.doc_count();
    }
    if (stop.load()) {
      report.interrupted = true;
      index::discard(generation);
    } else {
      index::publish(config.db, generation);
    }
  } catch (...) {
    index::discard(generation);
    throw;
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

std::string reindex_summary_line(const ReindexReport& report) {
  char line[400];
  std::snprintf(line, sizeof line,
                "rebuilt %llu documents: %zu from archived pages, %zu from files, %zu copied as "
                "stored (nothing to rebuild them from), %zu no longer articles, %zu bad WARC "
                "records in %zu files; %.1f s",
                static_cast<unsigned long long>(report.documents), report.from_warc,
                report.from_files, report.copied, report.not_articles, report.bad_records,
                report.warc_files, report.seconds);
  return line;
}

}  // namespace vigil::indexer
