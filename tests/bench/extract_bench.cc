// vigil-extract-bench: times vigil::extract::read_html over HTML pages held in memory, on one
// thread. Driven by scripts/bench/extract.sh.
//   vigil-extract-bench [--repeat N] FILE...
// Reads every FILE first (*.gz decompressed with zlib), then reads all pages N times (default 5).
// Prints tab-separated "name<TAB>value" lines: pages, mb (MB = 2^20 bytes of HTML), best_s (the
// fastest round), mb_per_s and pages_per_s (of that round), median_ms and p95_ms (per page, over
// all rounds), errors (pages that returned an Error), then "slowest<TAB>ms<TAB>KB<TAB>FILE" for
// the five slowest pages (median over rounds). Failed pages are named on stderr.
// Exit codes: 0 success (also when pages fail), 2 usage error, 3 a FILE cannot be read.
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "extract/html_reader.h"
#include "percentile.h"

namespace {

using vigil::bench::percentile;

constexpr int kDefaultRepeat = 5;
constexpr std::size_t kSlowestShown = 5;
constexpr double kBytesPerMb = 1024.0 * 1024.0;

struct Page {
  std::string path;
  std::string bytes;
  std::string url;
};

// The whole file, decompressed when it is gzip data (gzread passes other files through as they
// are). False, with `why` set, when it cannot be read.
bool read_file(const std::string& path, std::string& out, std::string& why) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    why = "cannot open";
    return false;
  }
  std::vector<char> buffer(1 << 16);
  int n = 0;
  while ((n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) {
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  if (n < 0) {
    int code = 0;
    why = gzerror(file, &code);
  }
  gzclose(file);
  return n == 0;
}

std::string file_url(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return "file://" + (ec ? path : absolute.lexically_normal().string());
}

int usage(std::FILE* out, int code) {
  std::fprintf(out, "usage: vigil-extract-bench [--repeat N] FILE...\n");
  return code;
}

int run(const std::vector<Page>& pages, int repeat) {
  std::vector<vigil::extract::HtmlInput> inputs;
  inputs.reserve(pages.size());
  std::size_t total_bytes = 0;
  for (const Page& page : pages) {
    inputs.push_back({page.bytes, page.url, page.path});
    total_bytes += page.bytes.size();
  }

  // per_page[i][r]: milliseconds for page i in round r.
  std::vector<std::vector<double>> per_page(pages.size());
  std::vector<bool> failed(pages.size(), false);
  double best_s = 0;
  for (int round = 0; round < repeat; ++round) {
    const auto round_start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      const vigil::Result<vigil::Article> article = vigil::extract::read_html(inputs[i]);
      const bool ok = article.ok();
      const auto end = std::chrono::steady_clock::now();
      per_page[i].push_back(std::chrono::duration<double, std::milli>(end - start).count());
      if (!ok && !failed[i]) {
        failed[i] = true;
        std::fprintf(stderr, "vigil-extract-bench: %s (%s)\n", article.error().describe().c_str(),
                     article.error().code.c_str());
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - round_start).count();
    if (round == 0 || seconds < best_s) best_s = seconds;
  }

  std::vector<double> all;
  std::vector<std::pair<double, std::size_t>> medians;  // (median ms, page index)
  for (std::size_t i = 0; i < per_page.size(); ++i) {
    all.insert(all.end(), per_page[i].begin(), per_page[i].end());
    medians.emplace_back(percentile(per_page[i], 0.5), i);
  }
  const auto errors = std::count(failed.begin(), failed.end(), true);
  const double mb = static_cast<double>(total_bytes) / kBytesPerMb;
  const double count = static_cast<double>(pages.size());
  std::printf("pages\t%zu\n", pages.size());
  std::printf("mb\t%.3f\n", mb);
  std::printf("best_s\t%.4f\n", best_s);
  std::printf("mb_per_s\t%.2f\n", best_s > 0 ? mb / best_s : 0.0);
  std::printf("pages_per_s\t%.1f\n", best_s > 0 ? count / best_s : 0.0);
  std::printf("median_ms\t%.3f\n", percentile(all, 0.5));
  std::printf("p95_ms\t%.3f\n", percentile(all, 0.95));
  std::printf("errors\t%td\n", errors);

  const std::size_t shown = std::min(kSlowestShown, medians.size());
  std::partial_sort(medians.begin(), medians.begin() + static_cast<std::ptrdiff_t>(shown),
                    medians.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; k < shown; ++k) {
    const Page& page = pages[medians[k].second];
    std::printf("slowest\t%.3f\t%.0f\t%s\n", medians[k].first,
                static_cast<double>(page.bytes.size()) / 1024.0, page.path.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    int repeat = kDefaultRepeat;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
      const std::string_view arg = argv[i];
      if (arg == "--repeat" && i + 1 < argc) {
        const std::string value = argv[++i];
        std::size_t used = 0;
        try {
          repeat = std::stoi(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != value.size() || repeat < 1) return usage(stderr, 2);
      } else if (arg == "--help" || arg == "-h") {
        return usage(stdout, 0);
      } else if (arg.starts_with("-") && arg != "-") {
        return usage(stderr, 2);
      } else {
        files.emplace_back(arg);
      }
    }
    if (files.empty()) return usage(stderr, 2);

    std::vector<Page> pages;
    pages.reserve(files.size());
    for (std::string& path : files) {
      Page page;
      std::string why;
      if (!read_file(path, page.bytes, why)) {
        std::fprintf(stderr, "vigil-extract-bench: error: %s: %s\n", path.c_str(), why.c_str());
        return 3;
      }
      page.url = file_url(path);
      page.path = std::move(path);
      pages.push_back(std::move(page));
    }
    return run(pages, repeat);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vigil-extract-bench: error: %s\n", e.what());
    return 3;
  } catch (...) {
    std::fprintf(stderr, "vigil-extract-bench: error: unknown exception\n");
    return 3;
  }
}
