// vigil-query-bench: times queries in-process through the same Searcher vigil-search uses
// (query parsing, matching, exact facet counts, snippets; rendering excluded). Driven by
// scripts/bench/query.sh.
//   vigil-query-bench --db DIR [--db DIR|tcp:HOST:PORT]... --queries FILE [--repeat N]
// (several --db: shards searched as one, as vigil-search does)
// Prints one line per query ("median_ms p95_ms hits cpu_median_ms cpu_p95_ms query") and a final
// "all" line (hits "-"), tab-separated. Wall time is what the latency target is about; CPU time
// (std::clock: this process, single-threaded) shows the cost apart from a busy machine's waits.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "percentile.h"
#include "search/searcher.h"

namespace {

using vigil::bench::percentile;

int usage() {
  std::fprintf(stderr,
               "usage: vigil-query-bench --db DIR [--db ...] --queries FILE [--repeat N]\n");
  return 2;
}

// Wall and CPU milliseconds of each run of one query, and its match count.
struct Timing {
  std::vector<double> wall;
  std::vector<double> cpu;
  std::uint64_t hits = 0;
};

Timing time_query(const vigil::search::Searcher& searcher, const std::string& query, int repeat) {
  vigil::search::SearchRequest request;  // first page of 10, relevance order
  request.query = query;
  request.facets = true;  // the latency target is with exact facet counts
  Timing timing;
  for (int r = 0; r < repeat; ++r) {
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    const auto result = searcher.search(request);
    const auto end = std::chrono::steady_clock::now();
    const std::clock_t cpu_end = std::clock();
    if (result) timing.hits = result.value().total;
    timing.wall.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    timing.cpu.push_back(1000.0 * static_cast<double>(cpu_end - cpu_start) / CLOCKS_PER_SEC);
  }
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> dbs;
  std::string queries_file;
  int repeat = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") {
      dbs.emplace_back(argv[i + 1]);
    } else if (flag == "--queries") {
      queries_file = argv[i + 1];
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    } else {
      return usage();
    }
  }
  if (dbs.empty() || queries_file.empty()) return usage();
  std::ifstream in(queries_file);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line);
  }
  try {
    const vigil::search::Searcher searcher(dbs, vigil::schema::Schema::builtin());
    std::vector<double> all;
    std::vector<double> all_cpu;
    for (const std::string& query : queries) {
      const Timing timing = time_query(searcher, query, repeat);
      all.insert(all.end(), timing.wall.begin(), timing.wall.end());
      all_cpu.insert(all_cpu.end(), timing.cpu.begin(), timing.cpu.end());
      std::printf("%.3f\t%.3f\t%llu\t%.3f\t%.3f\t%s\n", percentile(timing.wall, 0.5),
                  percentile(timing.wall, 0.95), static_cast<unsigned long long>(timing.hits),
                  percentile(timing.cpu, 0.5), percentile(timing.cpu, 0.95), query.c_str());
    }
    std::printf("%.3f\t%.3f\t-\t%.3f\t%.3f\tall\n", percentile(all, 0.5), percentile(all, 0.95),
                percentile(all_cpu, 0.5), percentile(all_cpu, 0.95));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vigil-query-bench: error: %s\n", e.what());
    return 3;
  }
  return 0;
}
