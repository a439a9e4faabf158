#pragma once
// A damaged index: what both binaries say when Xapian finds an index's files overwritten or cut
// short (after read_live's retries, so not a race with a commit), and how to recover. Header-only,
// like live_read.h, so vigil_schema itself does not depend on Xapian.

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace vigil {

// Whether `e` means damaged files: DatabaseCorruptError (a block that makes no sense) or a plain
// DatabaseError about reading (a table shorter than its root says: "EOF reading block 4"; a read
// error). A plain DatabaseError about writing ("Error writing block 3 (File too large)", a sync)
// is a full disk or a file size limit, not damage. A missing index, a lock, another format or a
// commit race are other subclasses and are not damage either.
inline bool is_damage(const Xapian::Error& e) {
  const std::string type = e.get_type();  // Xapian::Error is not polymorphic: no dynamic_cast
  if (type == "DatabaseCorruptError") return true;
  if (type != "DatabaseError") return false;
  const std::string& message = e.get_msg();  // Xapian names what failed only in its message
  return message.find("writ") == std::string::npos && message.find("sync") == std::string::npos;
}

// The hint for a damaged index directory `dir` (index/store.h's layout): rebuild it elsewhere
// and move it into place, or meanwhile serve the generation kept from before the last compaction
// or rebuild, when `dir` still has one. Reads the directory only; never throws.
inline std::string damaged_index_hint(const std::string& dir) {
  std::error_code error;
  const std::string archive = dir + "/warc";
  std::string hint =
      "rebuild it into a new directory (vigil-index add --db NEW with the original " +
      std::string(std::filesystem::is_directory(archive, error)
                      ? "files or the crawl's archive " + archive
                      : "files, or crawl again") +
      ") and move that into place; xapian-check " + dir + " shows the damage";
  std::ifstream stub(dir + "/XAPIANDB");
  std::string live;
  if (!(stub >> live >> live)) return hint;  // "auto gen-000002"
  std::vector<std::string> older;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("gen-", 0) == 0 && name < live &&
        std::filesystem::exists(it->path() / "iamglass", error)) {
      older.push_back(name);
    }
  }
  if (older.empty()) return hint;
  const std::string previous = *std::max_element(older.begin(), older.end());
  return hint + "; meanwhile the previous generation (without the changes since) can be served: " +
         "echo 'auto " + previous + "' > " + dir + "/XAPIANDB";
}

}  // namespace vigil
