#include "support/warc_strict.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

namespace vigil::test {
namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The decompressed content of each gzip member of `data`, in order.
std::vector<std::string> gzip_members(const std::string& data) {
  std::vector<std::string> members;
  std::size_t pos = 0;
  while (pos < data.size()) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
    z.avail_in = static_cast<uInt>(data.size() - pos);
    std::string out;
    int status = Z_OK;
    while (status == Z_OK) {
      char buffer[1 << 15];
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      status = inflate(&z, Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - z.avail_out);
    }
    EXPECT_EQ(status, Z_STREAM_END) << "gzip member at " << pos << " does not end cleanly";
    pos = data.size() - z.avail_in;
    inflateEnd(&z);
    members.push_back(std::move(out));
    if (status != Z_STREAM_END) break;
  }
  return members;
}

// RFC 4648 base32, written bit by bit (the library packs bytes into a word).
std::string base32_bits(const std::string& bytes) {
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string bits;
  for (const unsigned char c : bytes) {
    for (int i = 7; i >= 0; --i) bits += ((c >> i) & 1) != 0 ? '1' : '0';
  }
  while (bits.size() % 5 != 0) bits += '0';
  std::string out;
  for (std::size_t i = 0; i < bits.size(); i += 5) {
    out += alphabet[std::stoi(bits.substr(i, 5), nullptr, 2)];
  }
  while (out.size() % 8 != 0) out += '=';
  return out;
}

std::string sha1_base32(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EXPECT_EQ(EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr), 1);
  return "sha1:" + base32_bits(std::string(reinterpret_cast<char*>(digest), size));
}

// RFC 2616 token characters.
bool is_token_char(unsigned char c) {
  static const std::string separators = "()<>@,;:\\\"/[]?={} \t";
  return c > 32 && c < 127 && separators.find(static_cast<char>(c)) == std::string::npos;
}

struct StrictRecord {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string block;
  std::string get(const std::string& name) const {
    for (const auto& [field, value] : fields) {
      if (field == name) return value;
    }
    return {};
  }
};

// Parses one record that must fill `member` exactly; returns "" or what breaks the grammar.
std::string parse_strict(const std::string& member, StrictRecord& record) {
  static const std::string kVersion = "WARC/1.1\r\n";
  if (member.compare(0, kVersion.size(), kVersion) != 0) return "no 'WARC/1.1' CRLF version line";
  std::size_t pos = kVersion.size();
  for (;;) {
    const std::size_t end = member.find("\r\n", pos);
    if (end == std::string::npos) return "header line without CRLF";
    const std::string line = member.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return "field without name or ':': " + line;
    const std::string name = line.substr(0, colon);
    for (const unsigned char c : name) {
      if (!is_token_char(c)) return "field name is not a token: " + name;
    }
    std::string value = line.substr(colon + 1);
    for (const unsigned char c : value) {
      if ((c < 32 && c != '\t') || c == 127) return "control character in field " + name;
    }
    value.erase(0, value.find_first_not_of(" \t"));
    record.fields.emplace_back(name, value);
  }
  const std::string length = record.get("Content-Length");
  if (!std::regex_match(length, std::regex("[0-9]+"))) return "bad Content-Length: " + length;
  const std::size_t size = std::stoull(length);
  if (member.size() != pos + size + 4) {
    return "member is not header + Content-Length bytes + CRLF CRLF (" +
           std::to_string(member.size()) + " vs " + std::to_string(pos + size + 4) + ")";
  }
  record.block = member.substr(pos, size);
  if (member.compare(pos + size, 4, "\r\n\r\n") != 0) return "block not followed by CRLF CRLF";
  return "";
}

void check_record(const StrictRecord& record) {
  static const std::regex kId(
      "<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>");
  static const std::regex kDate(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  static const std::set<std::string> kTypes = {"warcinfo",   "response",    "resource",
                                               "request",    "metadata",    "revisit",
                                               "conversion", "continuation"};
  EXPECT_TRUE(std::regex_match(record.get("WARC-Record-ID"), kId)) << record.get("WARC-Record-ID");
  EXPECT_TRUE(std::regex_match(record.get("WARC-Date"), kDate)) << record.get("WARC-Date");
  EXPECT_EQ(kTypes.count(record.get("WARC-Type")), 1U) << record.get("WARC-Type");
  std::set<std::string> names;
  for (const auto& [name, value] : record.fields) {
    EXPECT_TRUE(names.insert(name).second) << "repeated field " << name;
  }
  EXPECT_EQ(record.get("WARC-Block-Digest"), sha1_base32(record.block));
  const std::string type = record.get("WARC-Type");
  if (type == "response" || type == "request") {
    EXPECT_EQ(record.get("Content-Type"), "application/http;msgtype=" + type);
    const std::string uri = record.get("WARC-Target-URI");
    EXPECT_FALSE(uri.empty());
    EXPECT_EQ(uri.find_first_of(" <>\""), std::string::npos) << uri;
    const std::size_t head_end = record.block.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos) << "HTTP head without its empty line";
    const std::string payload = record.block.substr(head_end + 4);
    if (type == "response") {
      EXPECT_EQ(record.get("WARC-Payload-Digest"), sha1_base32(payload));
      // The stored head's Content-Length, when present, is the stored payload's.
      const std::string head = record.block.substr(0, head_end + 2);
      static const std::regex kLength("\r\nContent-Length: *([0-9]+)\r\n", std::regex::icase);
      std::smatch match;
      if (std::regex_search(head, match, kLength)) {
        EXPECT_EQ(std::stoull(match[1].str()), payload.size());
      }
    }
  }
}

}  // namespace

std::size_t expect_strict_warc_file(const std::string& file, std::set<std::string>& ids) {
  SCOPED_TRACE(file);
  std::size_t responses = 0;
  const std::vector<std::string> members = gzip_members(file_bytes(file));
  EXPECT_GE(members.size(), 2U);
  if (members.size() < 2) return 0;
  std::vector<StrictRecord> records(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string problem = parse_strict(members[i], records[i]);
    EXPECT_EQ(problem, "") << "member " << i;
    if (!problem.empty()) return responses;
    check_record(records[i]);
    EXPECT_TRUE(ids.insert(records[i].get("WARC-Record-ID")).second) << "duplicate id";
  }
  const StrictRecord& info = records[0];
  EXPECT_EQ(info.get("WARC-Type"), "warcinfo");
  EXPECT_EQ(info.get("Content-Type"), "application/warc-fields");
  EXPECT_EQ(info.get("WARC-Filename"), std::filesystem::path(file).filename().string());
  EXPECT_TRUE(std::regex_match(info.block, std::regex("(([A-Za-z-]+): [^\r\n]*\r\n)+")));
  EXPECT_NE(info.block.find("software: vigil-index"), std::string::npos);
  EXPECT_NE(info.block.find("format: WARC File Format 1.1\r\n"), std::string::npos);
  EXPECT_NE(info.block.find("conformsTo: "), std::string::npos);
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_EQ(records[i].get("WARC-Warcinfo-ID"), info.get("WARC-Record-ID"));
    if (records[i].get("WARC-Type") == "request") {
      EXPECT_EQ(records[i].get("WARC-Concurrent-To"), records[i - 1].get("WARC-Record-ID"));
    } else {
      EXPECT_EQ(records[i].get("WARC-Type"), "response");
      ++responses;
    }
  }
  return responses;
}

}  // namespace vigil::test
