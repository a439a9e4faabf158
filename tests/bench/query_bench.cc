// vigil-query-bench: times queries in-process through the same Searcher vigil-search uses
// (query parsing, matching, snippets; rendering excluded). Driven by scripts/bench/query.sh.
//   vigil-query-bench --db DIR --queries FILE [--repeat N]
// Prints one line per query ("median_ms p95_ms hits query") and a final "all" line, tab-separated.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "percentile.h"
#include "search/searcher.h"

namespace {

using vigil::bench::percentile;

int usage() {
  std::fprintf(stderr, "usage: vigil-query-bench --db DIR --queries FILE [--repeat N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries_file;
  int repeat = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") {
      db = argv[i + 1];
    } else if (flag == "--queries") {
      queries_file = argv[i + 1];
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    } else {
      return usage();
    }
  }
  if (db.empty() || queries_file.empty()) return usage();
  std::ifstream in(queries_file);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line);
  }
  try {
    const vigil::search::Searcher searcher({db}, vigil::schema::Schema::builtin());
    std::vector<double> all;
    for (const std::string& query : queries) {
      std::vector<double> times;
      std::uint64_t hits = 0;
      for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const auto result = searcher.search({query, 1, 10, {}});
        const auto end = std::chrono::steady_clock::now();
        if (result) hits = result.value().total;
        times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
      }
      all.insert(all.end(), times.begin(), times.end());
      std::printf("%.3f\t%.3f\t%llu\t%s\n", percentile(times, 0.5), percentile(times, 0.95),
                  static_cast<unsigned long long>(hits), query.c_str());
    }
    std::printf("%.3f\t%.3f\t-\tall\n", percentile(all, 0.5), percentile(all, 0.95));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vigil-query-bench: error: %s\n", e.what());
    return 3;
  }
  return 0;
}
