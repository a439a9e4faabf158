#pragma once
// The databases one search reads as one: Vigil indexes on this machine and shards served by
// Xapian's stock remote server (xapian-tcpsrv), each shard possibly with replicas. Xapian does the
// distributed search itself (one combined Database; statistics are gathered from every shard, so
// weights, ranks and totals are those of one index holding every document); this module only
// opens the shards, picks a replica that answers, and names the shards none of whose replicas
// answered.
//
// A --db value (CLI) or `db =` line (CGI) is one shard: its replicas joined by commas, each
//   DIR or FILE    a Vigil index directory, or a Xapian stub database file whose every line is a
//                  shard of its own (`auto PATH`, `glass PATH`, relative to the file's directory;
//                  `remote HOST:PORT` or `tcp HOST PORT`)
//   tcp:HOST:PORT  a shard served by xapian-tcpsrv (e.g. scripts/shard-server.sh)
// e.g. --db tcp:10.0.0.1:7001,tcp:10.0.0.2:7001 --db /srv/vigil/shard3

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "search/search_result.h"
#include "vigil/schema.h"

namespace vigil::search {

// One way to reach a shard.
struct Replica {
  std::string path;  // local: a directory or stub file; empty for a remote one
  std::string host;  // remote
  unsigned port = 0;
  // As the user wrote it, for messages ("tcp:10.0.0.1:7001", "/srv/vigil/shard3").
  std::string name() const;
  bool remote() const { return path.empty(); }
};

// One shard: replicas holding the same documents, tried in order.
struct ShardSpec {
  std::vector<Replica> replicas;
  std::string name() const;  // the replicas' names joined by commas
};

// The shards of `specs` (--db values), a stub file expanded into one shard per line. Throws
// ConfigError (naming the value, with a hint) for an empty value, a malformed tcp: address or
// stub line, a stub line Vigil cannot use (a remote program), or an unreadable stub file.
std::vector<ShardSpec> parse_shards(const std::vector<std::string>& specs);

// How long a remote shard may take.
struct RemoteTimeouts {
  double connect_seconds = 2.0;  // to connect (then the next replica is tried)
  double reply_seconds = 10.0;   // for each reply once connected
};

// Timeouts for a reply time of `seconds` (> 0): connecting takes at most 2 s of it.
RemoteTimeouts remote_timeouts(double seconds);

// The open shards of one search.
struct OpenShards {
  Xapian::Database all;                // every shard that answered, searched as one
  std::vector<Xapian::Database> each;  // the same shards one by one (their metadata)
  std::vector<MissingShard> missing;   // each shard with no replica answering, in --db order
  bool remote = false;                 // some open shard is remote
};

// Opens every shard: the first of its replicas that answers. A local replica that holds no index,
// not a Vigil index or one of another schema version throws RuntimeError with a hint (a
// deployment mistake, not an outage); so does a remote one of another schema version. A remote
// replica that cannot be reached in time is skipped; a shard none of whose replicas answered is
// listed in `missing`. Throws RuntimeError when no shard at all answered. `schema` gives the
// version every shard must have been built with.
OpenShards open_shards(const std::vector<ShardSpec>& shards, const schema::Schema& schema,
                       const RemoteTimeouts& timeouts);

}  // namespace vigil::search
