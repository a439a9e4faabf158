#pragma once
// StringMap and StringSet: the hash tables of the place gazetteer, which loads some 300,000 names
// in every indexer process. Keys are kept back to back in one buffer, values in one vector and
// the table holds 8-byte slots (open addressing, linear probing, at most three quarters full), so
// that loading costs no allocation per entry and a lookup touches two or three cache lines.
// std::unordered_map allocated a node per entry (and a key longer than 15 bytes): under
// AddressSanitizer the gazetteer took 3.4 s to load, most of it in the allocator and page faults.
// Iteration follows insertion order. A reference to a value stays valid until the next insertion.
// Const lookups are thread-safe; insertions are not.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::entities {

template <typename Value>
class StringMap {
 public:
  // Room for `entries` without growing the table.
  void reserve(std::size_t entries) {
    values_.reserve(entries);
    spans_.reserve(entries);
    std::size_t slots = kMinSlots;
    while (slots * 3 < entries * 4) slots *= 2;
    if (slots > slots_.size()) rehash(slots);
  }

  // The value of `key`, and whether it was inserted now (default-constructed).
  std::pair<Value*, bool> try_emplace(std::string_view key) {
    if ((values_.size() + 1) * 4 > slots_.size() * 3) {
      rehash(slots_.empty() ? kMinSlots : slots_.size() * 2);
    }
    const std::uint64_t hash = hash_of(key);
    std::size_t i = hash & (slots_.size() - 1);
    for (; slots_[i].entry != 0; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].tag == tag_of(hash) && key_of(slots_[i].entry - 1) == key) {
        return {&values_[slots_[i].entry - 1], false};
      }
    }
    spans_.push_back(
        {static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(key.size())});
    keys_.append(key);
    values_.emplace_back();
    slots_[i] = {tag_of(hash), static_cast<std::uint32_t>(values_.size())};
    return {&values_.back(), true};
  }
  Value& operator[](std::string_view key) { return *try_emplace(key).first; }

  // The value of `key`, or nullptr.
  const Value* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t hash = hash_of(key);
    for (std::size_t i = hash & (slots_.size() - 1); slots_[i].entry != 0;
         i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].tag == tag_of(hash) && key_of(slots_[i].entry - 1) == key) {
        return &values_[slots_[i].entry - 1];
      }
    }
    return nullptr;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  std::size_t size() const { return values_.size(); }

  // Calls visit(key, value) for every entry, in insertion order.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (std::size_t i = 0; i < values_.size(); ++i) visit(key_of(i), values_[i]);
  }

 private:
  static constexpr std::size_t kMinSlots = 16;
  struct Slot {
    std::uint32_t tag = 0;    // the high half of the key's hash
    std::uint32_t entry = 0;  // index of the entry + 1; 0: a free slot
  };
  struct Span {
    std::uint32_t offset;
    std::uint32_t size;
  };

  static std::uint64_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }
  static std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }
  std::string_view key_of(std::size_t entry) const {
    return std::string_view(keys_).substr(spans_[entry].offset, spans_[entry].size);
  }
  void rehash(std::size_t slots) {
    slots_.assign(slots, Slot{});
    for (std::size_t e = 0; e < values_.size(); ++e) {
      const std::uint64_t hash = hash_of(key_of(e));
      std::size_t i = hash & (slots - 1);
      while (slots_[i].entry != 0) i = (i + 1) & (slots - 1);
      slots_[i] = {tag_of(hash), static_cast<std::uint32_t>(e + 1)};
    }
  }

  std::string keys_;
  std::vector<Span> spans_;
  std::vector<Value> values_;
  std::vector<Slot> slots_;  // a power of two long
};

class StringSet {
 public:
  void reserve(std::size_t entries) { map_.reserve(entries); }
  void insert(std::string_view key) { map_.try_emplace(key); }
  bool contains(std::string_view key) const { return map_.contains(key); }
  std::size_t size() const { return map_.size(); }

 private:
  struct Present {};
  StringMap<Present> map_;
};

}  // namespace vigil::entities
