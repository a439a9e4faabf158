#include "search/shards.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vigil/errors.h"
#include "vigil/text.h"

namespace vigil::search {
namespace {

constexpr std::string_view kTcp = "tcp:";

std::string in_quotes(std::string_view text) {
  std::string out = "'";
  out += text;
  out += '\'';
  return out;
}

unsigned port_of(std::string_view text) {
  if (text.empty() || text.size() > 5 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  const unsigned long port = std::stoul(std::string(text));
  return port <= 65535 ? static_cast<unsigned>(port) : 0;
}

// "HOST:PORT" (the last colon splits) -> a remote replica; port 0 when malformed.
Replica remote(std::string_view host, std::string_view port) {
  Replica replica;
  replica.host = std::string(host);
  replica.port = host.empty() ? 0 : port_of(port);
  return replica;
}

Replica host_port(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return remote(text, "");
  return remote(text.substr(0, colon), text.substr(colon + 1));
}

// The shards of a Xapian stub database file, one per line.
std::vector<ShardSpec> read_stub(const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    throw ConfigError("cannot read the stub database file " + in_quotes(file),
                      "check that --db names an index directory or a readable stub file");
  }
  const std::filesystem::path dir = std::filesystem::path(file).parent_path();
  std::vector<ShardSpec> shards;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string_view text = trim_blanks(line);
    if (text.empty() || text.front() == '#') continue;
    std::istringstream words{std::string(text)};
    std::string type;
    std::string first;
    std::string second;
    words >> type >> first >> second;
    const std::string where = in_quotes(file) + " line " + std::to_string(number);
    Replica replica;
    if ((type == "auto" || type == "glass") && !first.empty() && second.empty()) {
      const std::filesystem::path path(first);
      replica.path = path.is_absolute() ? path.string() : (dir / path).string();
    } else if (type == "remote" && !first.empty() && first.front() != ':' && second.empty()) {
      replica = host_port(first);
    } else if (type == "tcp" && !second.empty()) {
      replica = remote(first, second);
    } else {
      throw ConfigError(where + ": cannot use '" + std::string(text) + "' as a shard",
                        "write 'auto PATH', 'remote HOST:PORT' or 'tcp HOST PORT' (a remote "
                        "program or an in-memory database cannot be searched by vigil-search)");
    }
    if (replica.remote() && replica.port == 0) {
      throw ConfigError(where + ": malformed address in '" + std::string(text) + "'",
                        "write 'remote HOST:PORT' with a port from 1 to 65535");
    }
    shards.push_back({{replica}});
  }
  if (shards.empty()) {
    throw ConfigError("the stub database file " + in_quotes(file) + " lists no database",
                      "add a line such as 'auto /srv/vigil/shard1' or 'remote HOST:PORT'");
  }
  return shards;
}

void check_schema(const Xapian::Database& db, const std::string& name,
                  const schema::Schema& schema) {
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  const std::string ours = std::to_string(schema.version());
  if (version.empty()) {
    throw RuntimeError(in_quotes(name) + " is a Xapian database but not a Vigil index",
                       "point --db at an index built by vigil-index");
  }
  if (version != ours) {
    throw RuntimeError("index " + in_quotes(name) + " was built with schema " + version +
                           ", but this vigil-search reads schema " + ours,
                       "rebuild the index with this version's vigil-index (vigil-index reindex)");
  }
}

Xapian::Database open_local(const std::string& path, const schema::Schema& schema) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw RuntimeError("no index at " + in_quotes(path),
                       "build one with: vigil-index add --db " + path + " FILES...");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw RuntimeError("cannot open index " + in_quotes(path) + ": " + e.get_msg(),
                       "check that --db names a directory built by vigil-index");
  }
  check_schema(db, path, schema);
  return db;
}

unsigned milliseconds(double seconds) {
  return static_cast<unsigned>(std::lround(std::clamp(seconds, 0.001, 3600.0) * 1000));
}

}  // namespace

RemoteTimeouts remote_timeouts(double seconds) {
  return {std::min(seconds, RemoteTimeouts{}.connect_seconds), seconds};
}

std::string Replica::name() const {
  if (!remote()) return path;
  std::string out(kTcp);
  out += host;
  out += ':';
  out += std::to_string(port);
  return out;
}

std::string ShardSpec::name() const {
  std::string out;
  for (const Replica& replica : replicas) {
    if (!out.empty()) out += ',';
    out += replica.name();
  }
  return out;
}

std::vector<ShardSpec> parse_shards(const std::vector<std::string>& specs) {
  std::vector<ShardSpec> shards;
  for (const std::string& spec : specs) {
    if (trim_blanks(spec).empty()) {
      throw ConfigError("an empty index was given", "pass --db DIR or --db tcp:HOST:PORT");
    }
    // A lone path naming a stub file: each of its lines is a shard.
    std::error_code error;
    if (spec.find(',') == std::string::npos && spec.rfind(kTcp, 0) != 0 &&
        std::filesystem::is_regular_file(spec, error)) {
      std::vector<ShardSpec> listed = read_stub(spec);
      shards.insert(shards.end(), listed.begin(), listed.end());
      continue;
    }
    ShardSpec shard;
    std::size_t start = 0;
    while (start <= spec.size()) {
      const std::size_t comma = std::min(spec.find(',', start), spec.size());
      const std::string_view part =
          trim_blanks(std::string_view(spec).substr(start, comma - start));
      start = comma + 1;
      Replica replica;
      if (part.rfind(kTcp, 0) == 0) {
        replica = host_port(part.substr(kTcp.size()));
        if (replica.port == 0) {
          throw ConfigError(
              "malformed shard address " + in_quotes(part) + " in --db " + in_quotes(spec),
              "write tcp:HOST:PORT with a port from 1 to 65535, e.g. "
              "tcp:10.0.0.1:7001");
        }
      } else if (part.empty()) {
        throw ConfigError("an empty replica in --db " + in_quotes(spec),
                          "join the replicas of one shard with single commas, e.g. "
                          "tcp:10.0.0.1:7001,tcp:10.0.0.2:7001");
      } else {
        replica.path = std::string(part);
      }
      shard.replicas.push_back(std::move(replica));
    }
    shards.push_back(std::move(shard));
  }
  if (shards.empty()) throw ConfigError("no index given", "pass --db DIR or --db tcp:HOST:PORT");
  return shards;
}

OpenShards open_shards(const std::vector<ShardSpec>& shards, const schema::Schema& schema,
                       const RemoteTimeouts& timeouts) {
  OpenShards open;
  int number = 0;
  for (const ShardSpec& shard : shards) {
    ++number;
    std::string why;
    bool opened = false;
    for (const Replica& replica : shard.replicas) {
      if (!replica.remote()) {
        Xapian::Database db = open_local(replica.path, schema);
        open.all.add_database(db);
        open.each.push_back(std::move(db));
        opened = true;
        break;
      }
      try {
        Xapian::Database db =
            Xapian::Remote::open(replica.host, replica.port, milliseconds(timeouts.reply_seconds),
                                 milliseconds(timeouts.connect_seconds));
        check_schema(db, replica.name(), schema);
        open.all.add_database(db);
        open.each.push_back(std::move(db));
        open.remote = true;
        opened = true;
        break;
      } catch (const Xapian::NetworkError& e) {
        if (!why.empty()) why += "; ";
        why += replica.name() + ": " + e.get_msg();
      }
    }
    if (!opened) open.missing.push_back({number, shard.name(), why});
  }
  if (open.each.empty()) {
    std::string names;
    for (const MissingShard& missing : open.missing) {
      if (!names.empty()) names += "; ";
      names += missing.why;
    }
    throw RuntimeError("no shard of the index answered: " + names,
                       "start the shard servers (scripts/shard-server.sh) or check --db");
  }
  return open;
}

}  // namespace vigil::search
