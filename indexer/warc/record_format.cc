#include "warc/record_format.h"

#include <cctype>
#include <vector>

#include "vigil/text.h"
#include "warc/digest.h"

namespace vigil::warc {
namespace {

void add_field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

// The lines of a head up to its empty line, without line ends.
std::vector<std::string_view> head_lines(std::string_view head) {
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    const std::size_t end = head.find('\n');
    std::string_view line = head.substr(0, end);
    head.remove_prefix(end == std::string_view::npos ? head.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) break;
    lines.push_back(line);
  }
  return lines;
}

std::string_view field_name(std::string_view line) {
  const std::size_t colon = line.find(':');
  return colon == std::string_view::npos ? std::string_view{} : trim_blanks(line.substr(0, colon));
}

std::string_view field_body(std::string_view line) {
  const std::size_t colon = line.find(':');
  return colon == std::string_view::npos ? std::string_view{} : trim_blanks(line.substr(colon + 1));
}

}  // namespace

std::string format_record(const RecordHeader& header, std::string_view head,
                          std::string_view body) {
  Sha1 block_digest;
  block_digest.update(head);
  block_digest.update(body);
  std::string out = "WARC/1.1\r\n";
  add_field(out, "WARC-Type", header.type);
  add_field(out, "WARC-Record-ID", header.id);
  add_field(out, "WARC-Date", header.date);
  add_field(out, "WARC-Target-URI", header.target_uri);
  add_field(out, "WARC-IP-Address", header.ip_address);
  add_field(out, "WARC-Warcinfo-ID", header.warcinfo_id);
  add_field(out, "WARC-Concurrent-To", header.concurrent_to);
  add_field(out, "WARC-Filename", header.filename);
  add_field(out, "Content-Type", header.content_type);
  add_field(out, "WARC-Block-Digest", block_digest.finish_labelled());
  add_field(out, "WARC-Payload-Digest", header.payload_digest);
  add_field(out, "Content-Length", std::to_string(head.size() + body.size()));
  out.reserve(out.size() + head.size() + body.size() + 6);
  out += "\r\n";
  out += head;
  out += body;
  out += "\r\n\r\n";
  return out;
}

std::string field_value(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) c = ' ';
  }
  return out;
}

std::string uri_value(std::string_view uri) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(uri.size());
  for (const char c : uri) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::string with_blank_line(std::string_view head) {
  std::string out(head);
  if (out.ends_with("\r\n\r\n") || out.ends_with("\n\n")) return out;
  out += out.ends_with('\n') ? "\r\n" : "\r\n\r\n";
  return out;
}

std::string stored_response_head(std::string_view head, std::size_t body_size, bool decoded) {
  const std::vector<std::string_view> lines = head_lines(head);
  const auto renamed = [decoded](std::string_view name) {
    return ascii_iequals(name, "transfer-encoding") || ascii_iequals(name, "content-length") ||
           (decoded && ascii_iequals(name, "content-encoding"));
  };
  bool rewrite = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view name = field_name(lines[i]);
    rewrite = rewrite || ascii_iequals(name, "transfer-encoding") ||
              (decoded && ascii_iequals(name, "content-encoding") &&
               !ascii_iequals(field_body(lines[i]), "identity"));
  }
  if (!rewrite) return with_blank_line(head);
  std::string out;
  out.reserve(head.size() + 64);
  bool renaming = false;  // a folded continuation line follows its field
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const bool continuation = i > 0 && (line.front() == ' ' || line.front() == '\t');
    if (i > 0 && !continuation) renaming = renamed(field_name(line));
    if (renaming && !continuation) out += "X-Archive-Orig-";
    out += line;
    out += "\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(body_size);
  out += "\r\n\r\n";
  return out;
}

}  // namespace vigil::warc
