#pragma once
// Helpers for rewriting a parsed Xapian::Query tree (wildcards, variants, stems): Xapian 1.4 lets
// a query be taken apart (get_type, get_subquery) but rebuilt only from its operator and children.

#include <xapian.h>

namespace vigil::query {

// Operators whose only parameters are their subqueries, so that Query(op, children) rebuilds
// them as they were. Positional ones (phrases, NEAR: their window) and the others are not.
inline bool plain_composite(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

}  // namespace vigil::query
