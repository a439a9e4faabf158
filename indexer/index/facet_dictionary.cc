#include "index/facet_dictionary.h"

#include <vector>

#include "vigil/errors.h"

namespace vigil::index {
namespace {

RuntimeError damaged(const std::string& key, const std::string& value) {
  return RuntimeError("the index's facet dictionary is damaged: metadata '" + key + "' is '" +
                          value + "', not a number",
                      "build a new index: move the index aside and run vigil-index add again");
}

}  // namespace

std::string FacetDictionary::current(const std::string& key) const {
  const auto it = pending_.find(key);
  return it != pending_.end() ? it->second : db_.get_metadata(key);
}

std::optional<std::uint32_t> FacetDictionary::id_of(const std::string& term) {
  if (const auto it = ids_.find(term); it != ids_.end()) return it->second;
  const std::optional<std::size_t> kind = schema::facet_id_kind(term);
  if (!kind) return std::nullopt;
  const std::string id_key = schema::facet_id_key(term);
  const std::string stored = db_.get_metadata(id_key);
  if (!stored.empty()) {
    const std::optional<std::uint32_t> id = schema::parse_facet_number(stored);
    if (!id) throw damaged(id_key, stored);
    ids_.emplace(term, *id);
    return id;
  }
  std::optional<std::uint32_t>& next = next_[*kind];
  const std::string next_key = schema::facet_next_key(*kind);
  if (!next) {
    const std::string text = db_.get_metadata(next_key);
    next = text.empty() ? std::optional<std::uint32_t>(0) : schema::parse_facet_number(text);
    if (!next) throw damaged(next_key, text);
  }
  if (*next > schema::kMaxFacetSeq) {
    throw RuntimeError("the index numbers more facet terms of one kind than facet ids can hold (" +
                           std::to_string(schema::kMaxFacetSeq + 1) + ")",
                       "split the archive into shards (vigil-index --shard), each with its own "
                       "numbers");
  }
  const std::uint32_t seq = (*next)++;
  const std::uint32_t id = schema::facet_id(seq, *kind);
  pending_[id_key] = std::to_string(id);
  pending_[next_key] = std::to_string(*next);
  const std::string names_key = schema::facet_names_key(*kind, seq / schema::kFacetNamesPerChunk);
  std::string names = current(names_key);
  names += term;
  names += '\n';
  pending_[names_key] = std::move(names);
  ids_.emplace(term, id);
  return id;
}

std::string FacetDictionary::encode(std::string_view facet_terms) {
  std::vector<std::uint32_t> ids;
  std::size_t at = 0;
  while (at < facet_terms.size()) {
    const std::size_t stop = std::min(facet_terms.find('\n', at), facet_terms.size());
    if (stop > at) {
      if (const auto id = id_of(std::string(facet_terms.substr(at, stop - at)))) {
        ids.push_back(*id);
      }
    }
    at = stop + 1;
  }
  return schema::encode_facet_ids(std::move(ids));
}

void FacetDictionary::flush() {
  for (const auto& [key, value] : pending_) db_.set_metadata(key, value);
  pending_.clear();
}

}  // namespace vigil::index
