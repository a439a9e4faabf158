#pragma once
// Result<T>: the outcome of an operation that can fail for one item (a page, a line, a query)
// without ending the run. Run-ending failures are exceptions (see errors.h).

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace vigil {

// Why one item failed. `code` is a short stable token for scripts and tests ("invalid_json",
// "missing_title"); `message` is a sentence for people; `context` names the item ("a.jsonl:12").
struct Error {
  std::string code;
  std::string message;
  std::string context;

  // "context: message", or just the message when there is no context.
  std::string describe() const { return context.empty() ? message : context + ": " + message; }
};

// Holds either a T or an Error. Accessing the wrong alternative is a bug (std::bad_variant_access).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace vigil
