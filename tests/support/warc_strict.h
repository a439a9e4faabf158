#pragma once
// A strict ISO 28500 (WARC/1.1) check of the files warc::Writer writes, independent of
// warc::Reader: gzip members split with zlib, every record's header held to the grammar, block
// and payload digests recomputed with libcrypto and a base32 of its own. Reports through
// GoogleTest expectations. Used by the writer's unit test and by the crawl tests (files written
// from real responses).

#include <cstddef>
#include <set>
#include <string>

namespace vigil::test {

// Checks every record of the WARC file at `path`: one record per gzip member, warcinfo first,
// unique record ids (across calls sharing `ids`), request records concurrent to the response
// before them. Returns the number of response records.
std::size_t expect_strict_warc_file(const std::string& path, std::set<std::string>& ids);

}  // namespace vigil::test
