#include "pipeline.h"

#include <chrono>
#include <cstdio>
#include <exception>
#include <optional>
#include <thread>

#include "entities/recognise.h"
#include "extract/jsonl_reader.h"
#include "index/index_lock.h"
#include "index/index_writer.h"
#include "index/unchanged_lookup.h"
#include "local_source.h"
#include "vigil/errors.h"
#include "vigil/schema.h"
#include "work_queue.h"

namespace vigil::indexer {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

// The writer's options: batch size, and the recogniser's names for the facet catalog.
index::WriterOptions writer_options(const IndexerConfig& config,
                                    const std::optional<entities::Recogniser>& recogniser) {
  index::WriterOptions options;
  options.batch_size = config.batch_size;
  // Asked when a value is first written, after the recogniser is loaded; without one (with
  // --no-entities there are no values) a value answers to its label.
  options.facet_names = [&recogniser](std::string_view field, const EntityRef& value) {
    return recogniser ? recogniser->aliases(field, value.id, value.label)
                      : std::vector<FacetAlias>{};
  };
  return options;
}

void claim_shard(index::IndexWriter& writer, const std::optional<Shard>& requested,
                 const std::string& db) {
  const std::string stored_text = writer.database().get_metadata(kShardMetadataKey);
  const Shard wanted = requested.value_or(Shard{});
  const std::string wanted_text = format_shard(wanted);
  std::string what = "'";
  what += db;
  what += "' holds ";
  std::string hint = "build shard ";
  hint += wanted_text;
  hint += " into a new index directory";
  if (stored_text.empty()) {
    // Built without --shard: the whole collection, unless nothing is in it yet.
    if (wanted.whole() || writer.doc_count() == 0) {
      if (requested) writer.set_metadata(kShardMetadataKey, wanted_text);
      return;
    }
    what += "a whole collection (it was built without --shard), not shard ";
    what += wanted_text;
    throw ConfigError(what, hint);
  }
  Shard stored;
  try {
    stored = parse_shard(stored_text, kShardMetadataKey);
  } catch (const ConfigError& e) {
    std::string damaged = "'";
    damaged += db;
    damaged += "' is damaged: ";
    damaged += e.what();
    throw RuntimeError(damaged, "rebuild it with the same --shard as its other shards");
  }
  if (stored == wanted) return;
  what += "shard ";
  what += format_shard(stored);
  if (requested) {
    what += ", not ";
    what += wanted_text;
  } else {
    what += " of a sharded collection";
  }
  std::string pass = "pass --shard ";
  pass += format_shard(stored);
  if (requested) {
    pass += ", or ";
    pass += hint;
  }
  pass += ": changing the shard of an index would leave documents of another shard in it";
  throw ConfigError(what, pass);
}

std::optional<entities::Recogniser> load_recogniser(const IndexerConfig& config) {
  if (config.no_entities) return std::nullopt;
  return entities::Recogniser::load(entities::Gazetteer::default_dir());
}

namespace {

// Articles read and recognised, waiting for the writer: enough to keep both threads busy.
constexpr std::size_t kQueuedArticles = 64;

// Writes articles (entities already recognised), counts outcomes and prints a progress line every
// 10,000 articles or 30 s.
class Importer {
 public:
  Importer(index::IndexWriter& writer, const Logger& log, AddReport& report)
      : writer_(writer), log_(log), report_(report), start_(Clock::now()), last_(start_) {}

  void accept(Result<index::DocumentBuilder::Built>&& item) {
    if (!item && item.error().code == kOtherShard) {
      ++report_.other_shard;
      log_.debug(item.error().describe() + "; not indexed");
      return;
    }
    if (!item && item.error().code == "not_article") {
      ++report_.not_articles;
      log_.info(item.error().describe() + "; not indexed");
      return;
    }
    if (!item) {
      skip(item.error());
      return;
    }
    ++report_.read;
    switch (writer_.write(std::move(item).value())) {
      case index::WriteOutcome::kAdded:
        ++report_.added;
        break;
      case index::WriteOutcome::kReplaced:
        ++report_.replaced;
        break;
      case index::WriteOutcome::kUnchanged:
        ++report_.unchanged;
        break;
    }
    maybe_report_progress();
  }

  void skip(const Error& error) {
    ++report_.skipped;
    log_.warn(error.describe() + ", skipped");
  }

 private:
  void maybe_report_progress() {
    if (report_.read % 10000 != 0 && seconds_since(last_) < 30) return;
    last_ = Clock::now();
    const double elapsed = seconds_since(start_);
    char line[160];
    std::snprintf(line, sizeof line, "progress: %zu read, %zu skipped, %.1f s, %.0f docs/s",
                  report_.read, report_.skipped, elapsed,
                  elapsed > 0 ? static_cast<double>(report_.read) / elapsed : 0.0);
    log_.info(line);
  }

  index::IndexWriter& writer_;
  const Logger& log_;
  AddReport& report_;
  Clock::time_point start_;
  Clock::time_point last_;
};

using Built = index::DocumentBuilder::Built;

// The reader side of run_add: reads every input into Articles, recognises their entities, builds
// their documents and queues them (and per-item failures) for the writer, until the inputs end or
// `stop` is set. Items of other shards are queued as kOtherShard errors, before anything costly is
// done with them.
void read_inputs(const InputSet& inputs, const std::optional<entities::Recogniser>& recogniser,
                 Shard shard, const std::string& database_path, const Logger& log,
                 const std::atomic<bool>& stop, WorkQueue<Result<Built>>& queue) {
  index::DocumentBuilder builder(schema::Schema::builtin());  // this thread's own
  // A re-import finds most documents unchanged: those are not built again.
  index::UnchangedLookup lookup(database_path, builder.digest_slot());
  const index::DocumentBuilder::KnownUnchanged unchanged = [&](const std::string& id_term,
                                                               const std::string& digest) {
    return lookup(id_term, digest);
  };
  const auto send = [&](Result<Article>&& item) {
    if (!item) return queue.push(item.error());
    Article& article = item.value();
    if (const std::optional<std::string> cut = cap_main_text(article)) log.warn(*cut);
    if (recogniser) article.entities = recogniser->recognise(article);
    return queue.push(builder.build_for_writer(std::move(article), unchanged));
  };
  for (const InputFile& file : inputs.files) {
    if (stop.load()) return;
    log.debug("reading " + file.path);
    if (file.kind == InputKind::kHtml) {
      const std::string key = file_url(file.path);  // what read_html_file keys it by
      if (!send(in_shard(key, shard) ? read_html_file(file.path, key)
                                     : Result<Article>(other_shard(key, shard, file.path)))) {
        return;
      }
      continue;
    }
    bool open = true;
    if (file.kind == InputKind::kWarc) {
      const WarcStats stats = read_warc_file(
          file.path,
          [&](Result<Article>&& item) {
            open = !stop.load() && send(std::move(item));
            return open;
          },
          shard);
      if (!open) return;
      log.debug(file.path + ": " + stats.describe());
      continue;
    }
    extract::JsonlOptions options;
    options.shard = shard;
    const Result<extract::JsonlStats> stats = extract::read_jsonl(
        file.path,
        [&](Result<Article>&& item) {
          open = !stop.load() && send(std::move(item));
          return open;
        },
        options);
    if (!open) return;
    if (!stats && !queue.push(stats.error())) return;
  }
}

}  // namespace

AddReport run_add(const IndexerConfig& config, const Logger& log, const std::atomic<bool>& stop) {
  const auto start = Clock::now();
  AddReport report;
  // The index first: a locked or foreign index fails before the gazetteer is loaded.
  const index::IndexLock lock = index::IndexLock::acquire(config.db, config.wait_lock_seconds);
  std::optional<entities::Recogniser> recogniser;
  index::IndexWriter writer(config.db, schema::Schema::builtin(),
                            writer_options(config, recogniser));
  claim_shard(writer, config.shard, config.db);
  report.shard = config.shard.value_or(Shard{});
  recogniser = load_recogniser(config);
  Importer importer(writer, log, report);

  const InputSet inputs = collect_inputs(config.paths);
  for (const Error& problem : inputs.problems) importer.skip(problem);
  if (inputs.ignored != 0) {
    log.info("ignored " + std::to_string(inputs.ignored) +
             " files with other extensions inside the given directories");
  }
  // Two threads: this one writes (Xapian has one writer); the reader parses, recognises and
  // builds the documents (term generation), which is most of the work outside Xapian's writer.
  WorkQueue<Result<Built>> queue(kQueuedArticles);
  const std::string database_path = writer.database_path();
  std::exception_ptr reader_failure;
  std::thread reader([&] {
    try {
      read_inputs(inputs, recogniser, report.shard, database_path, log, stop, queue);
    } catch (...) {
      reader_failure = std::current_exception();
    }
    queue.close();
  });
  try {
    while (std::optional<Result<Built>> item = queue.pop()) importer.accept(std::move(*item));
  } catch (...) {
    queue.close();
    reader.join();
    throw;
  }
  reader.join();
  if (reader_failure) std::rethrow_exception(reader_failure);
  writer.commit();
  report.interrupted = stop.load();
  report.documents = writer.doc_count();
  report.seconds = seconds_since(start);
  return report;
}

std::string summary_line(const AddReport& report) {
  std::string others;
  if (!report.shard.whole()) {
    others = ", ";
    others += std::to_string(report.other_shard);
    others += " in other shards";
  }
  char line[320];
  std::snprintf(line, sizeof line,
                "added %zu, replaced %zu, unchanged %zu, skipped %zu, not articles %zu%s; %llu "
                "documents in index; %.1f s, %.0f docs/s",
                report.added, report.replaced, report.unchanged, report.skipped,
                report.not_articles, others.c_str(),
                static_cast<unsigned long long>(report.documents), report.seconds,
                report.seconds > 0 ? static_cast<double>(report.read) / report.seconds : 0.0);
  return line;
}

}  // namespace vigil::indexer
