#include "index/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "vigil/errors.h"

namespace vigil::index {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kStubTempName = "XAPIANDB.tmp";
constexpr const char* kGlassVersionFile = "iamglass";
constexpr std::string_view kGenerationPrefix = "gen-";

// N of a directory name "gen-N", or 0 when it is not one.
std::uint32_t generation_number(std::string_view name) {
  if (name.substr(0, kGenerationPrefix.size()) != kGenerationPrefix) return 0;
  name.remove_prefix(kGenerationPrefix.size());
  std::uint32_t n = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
  if (ec != std::errc() || end != name.data() + name.size()) return 0;
  return n;
}

std::string generation_name(std::uint32_t n) {
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06u", static_cast<unsigned>(n));
  return name;
}

// The generation a stub of ours names ("auto gen-000001\n"), or 0 for any other stub.
std::uint32_t stub_generation(const fs::path& stub) {
  std::ifstream in(stub);
  std::stringstream text;
  text << in.rdbuf();
  std::string line = text.str();
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) {
    line.pop_back();
  }
  constexpr std::string_view kAuto = "auto ";
  if (line.rfind(kAuto, 0) != 0) return 0;
  return generation_number(std::string_view(line).substr(kAuto.size()));
}

// Files of a glass database that sit directly in its directory (the old layout's files in DIR).
bool is_glass_file(const std::string& name) {
  if (name == kGlassVersionFile || name == "flintlock") return true;
  if (name.size() > 6 && name.ends_with(".glass")) return true;
  // Replication changesets: "changes" followed by a revision number.
  return name.size() > 7 && name.rfind("changes", 0) == 0 &&
         std::all_of(name.begin() + 7, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Entries of DIR that an index of ours may hold besides a database.
bool is_ours(const std::string& name) {
  return name == kLockFileName || name == kStubTempName || name == kArchiveDirName ||
         generation_number(name) != 0;
}

void fsync_path(const fs::path& path, bool directory) {
  const int fd = open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0 || fsync(fd) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) close(fd);
    throw RuntimeError("cannot sync '" + path.string() + "': " + why,
                       "check free disk space and the file system");
  }
  close(fd);
}

// Writes `text` to `path` and fsyncs it.
void write_durably(const fs::path& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  const std::string why = std::strerror(errno);
  if (fd >= 0 && close(fd) != 0) ok = false;
  if (!ok) {
    throw RuntimeError("cannot write '" + path.string() + "': " + why,
                       "check free disk space and permissions");
  }
}

std::uint64_t file_bytes(const fs::directory_entry& entry) {
  std::error_code ec;
  const std::uintmax_t size = entry.is_regular_file(ec) ? entry.file_size(ec) : 0;
  return ec ? 0 : size;
}

// Bytes of the live database's files.
std::uint64_t database_bytes(const Layout& layout) {
  std::uint64_t total = 0;
  if (layout.kind == LayoutKind::kSingle) {
    for (const fs::directory_entry& entry : fs::directory_iterator(layout.live)) {
      if (is_glass_file(entry.path().filename().string())) total += file_bytes(entry);
    }
    return total;
  }
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(layout.live)) {
    total += file_bytes(entry);
  }
  return total;
}

// Best effort (see publish()): everything but the generations in `keep`; the old layout's files
// unless `keep_single`.
void remove_stale(const fs::path& dir, std::uint32_t keep_a, std::uint32_t keep_b,
                  bool keep_single) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const std::uint32_t n = generation_number(name);
    std::error_code ignored;
    if (n != 0 && n != keep_a && n != keep_b && entry.is_directory(ignored)) {
      fs::remove_all(entry.path(), ignored);
    } else if (!keep_single && is_glass_file(name)) {
      fs::remove(entry.path(), ignored);
    }
  }
}

// The generation number of a path passed to publish(), checked to be a database inside `dir`.
std::uint32_t checked_generation(const fs::path& dir, const std::string& generation) {
  fs::path path = fs::path(generation).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  const std::uint32_t n = generation_number(path.filename().string());
  std::error_code ec;
  const bool inside = n != 0 && fs::equivalent(path.parent_path(), dir, ec);
  if (!inside || !fs::exists(path / kGlassVersionFile, ec)) {
    throw RuntimeError("cannot publish '" + generation +
                           "': not a generation holding a database in '" + dir.string() + "'",
                       "publish a directory returned by new_generation() once it holds a database");
  }
  return n;
}

}  // namespace

Layout inspect(const std::string& dir) {
  Layout layout;
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) return layout;
  if (!fs::is_directory(status)) {
    layout.kind = LayoutKind::kForeign;
    return layout;
  }
  bool has_glass = false;
  bool has_stub = false;
  bool has_tables = false;  // glass table files directly in DIR
  bool has_other = false;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const std::uint32_t n = generation_number(name);
    std::error_code ignored;
    if (n != 0 && entry.is_directory(ignored)) layout.generations.push_back(n);
    if (name == kGlassVersionFile) has_glass = true;
    if (name == kStubName) has_stub = true;
    if (is_glass_file(name)) {
      has_tables = true;
    } else if (name != kStubName && !is_ours(name)) {
      has_other = true;
    }
  }
  if (ec) {
    throw RuntimeError("cannot read index directory '" + dir + "': " + ec.message(),
                       "check the --db path and its permissions");
  }
  std::sort(layout.generations.begin(), layout.generations.end());
  // Xapian's order: a glass database in DIR wins over a stub.
  if (has_glass) {
    layout.kind = LayoutKind::kSingle;
    layout.live = dir;
  } else if (has_stub) {
    layout.live_generation = stub_generation(fs::path(dir) / kStubName);
    const bool known = std::binary_search(layout.generations.begin(), layout.generations.end(),
                                          layout.live_generation);
    layout.kind = known ? LayoutKind::kGenerations : LayoutKind::kForeign;
    if (known) {
      layout.live = generation_path(dir, layout.live_generation);
    } else {
      layout.live_generation = 0;
    }
  } else {
    // Table files without iamglass or a stub may be a damaged database: not ours to overwrite.
    layout.kind = has_other || has_tables ? LayoutKind::kForeign : LayoutKind::kEmpty;
  }
  return layout;
}

std::string generation_path(const std::string& dir, std::uint32_t generation) {
  return (fs::path(dir) / generation_name(generation)).string();
}

std::string live_path(const std::string& dir) {
  const Layout layout = inspect(dir);
  switch (layout.kind) {
    case LayoutKind::kGenerations:
    case LayoutKind::kSingle:
      return layout.live;
    case LayoutKind::kForeign:
      throw RuntimeError("'" + dir + "' is neither a Vigil index nor an empty directory",
                         "--db must name a Vigil index or a new or empty directory");
    case LayoutKind::kMissing:
    case LayoutKind::kEmpty:
      break;
  }
  std::string generation = new_generation(dir);
  try {
    Xapian::WritableDatabase(generation, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS).commit();
  } catch (...) {
    discard(generation);
    throw;
  }
  publish(dir, generation);
  return generation;
}

std::string new_generation(const std::string& dir) {
  const Layout layout = inspect(dir);
  if (layout.kind == LayoutKind::kForeign) {
    throw RuntimeError("'" + dir + "' is neither a Vigil index nor an empty directory",
                       "--db must name a Vigil index or a new or empty directory");
  }
  std::uint32_t last = layout.live_generation;
  if (!layout.generations.empty()) last = std::max(last, layout.generations.back());
  std::string path = generation_path(dir, last + 1);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const bool created = !ec && fs::create_directory(path, ec);
  if (!created) {
    throw RuntimeError(
        "cannot create the new generation '" + path + "': " + (ec ? ec.message() : "it exists"),
        "check the --db path and its permissions, and that no other vigil-index runs");
  }
  return path;
}

void publish(const std::string& dir, const std::string& generation) {
  const fs::path root(dir);
  const std::uint32_t n = checked_generation(root, generation);
  const Layout before = inspect(dir);
  if (before.kind == LayoutKind::kForeign) {
    throw RuntimeError("cannot publish into '" + dir + "': not a Vigil index directory",
                       "--db must name a Vigil index or a new or empty directory");
  }
  // The generation's own directory entries (Xapian syncs the files, not their names).
  fsync_path(generation, true);
  write_durably(root / kStubTempName, "auto " + generation_name(n) + "\n");
  std::error_code ec;
  fs::rename(root / kStubTempName, root / kStubName, ec);
  if (ec) {
    throw RuntimeError("cannot make '" + generation + "' live: " + ec.message(),
                       "check free disk space and permissions");
  }
  fsync_path(root, true);
  const bool converting = before.kind == LayoutKind::kSingle;
  if (converting) {
    // Until now Xapian opened DIR as the old database (iamglass wins over XAPIANDB).
    fs::remove(root / kGlassVersionFile, ec);
    if (ec) {
      throw RuntimeError("cannot convert '" + dir + "' to generations: " + ec.message(),
                         "remove '" + (root / kGlassVersionFile).string() + "' by hand");
    }
    fsync_path(root, true);
  }
  remove_stale(root, n, before.live_generation, converting);
}

void discard(const std::string& generation) {
  fs::path path = fs::path(generation).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  const Layout layout = inspect(path.parent_path().string());
  if (layout.kind == LayoutKind::kGenerations &&
      layout.live_generation == generation_number(path.filename().string())) {
    throw RuntimeError("refusing to discard '" + generation + "': it is the live generation");
  }
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

CompactReport compact(const std::string& dir) {
  const Layout layout = inspect(dir);
  if (layout.live.empty()) {
    throw RuntimeError("no index at '" + dir + "'",
                       "build one with: vigil-index add --db " + dir + " FILES...");
  }
  CompactReport report;
  report.bytes_before = database_bytes(layout);
  const std::string target = new_generation(dir);
  try {
    Xapian::Database source(layout.live);
    report.documents = source.get_doccount();
    // One source: keeping the ids costs nothing and keeps them stable for anyone who noted one.
    source.compact(target, Xapian::DBCOMPACT_NO_RENUMBER);
    const Xapian::doccount compacted = Xapian::Database(target).get_doccount();
    if (compacted != report.documents) {
      throw RuntimeError("compacting '" + dir +
                             "' lost documents: " + std::to_string(report.documents) + " before, " +
                             std::to_string(compacted) + " after",
                         "the index is unchanged; report this as a bug");
    }
  } catch (...) {
    discard(target);
    throw;
  }
  publish(dir, target);
  report.bytes_after = database_bytes(inspect(dir));
  return report;
}

}  // namespace vigil::index
