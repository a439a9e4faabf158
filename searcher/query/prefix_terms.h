#pragma once
// The distinct terms of an index that start with a prefix, read without walking their postings.
// Xapian's all-terms iterator steps through every chunk of every term's posting list (a language
// term held by 20,000 documents spans some ten blocks); skipping to just past each term reads
// only the blocks that hold the terms themselves.

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace vigil::query {

// The terms of `db` that start with `prefix`, in order, at most `limit` of them. Xapian::Error
// propagates.
std::vector<std::string> prefix_terms(const Xapian::Database& db, const std::string& prefix,
                                      std::size_t limit = static_cast<std::size_t>(-1));

}  // namespace vigil::query
