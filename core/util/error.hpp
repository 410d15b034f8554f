#pragma once
// The one failure type of pinset: every fallible function returns Result<T>.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "core/util/error_codes.hpp"

namespace pinset {

// Where an error was found. Every field is optional; render() prints what is set.
struct Location {
  std::string file;   // path or URL of the document
  int line = 0;       // 1-based; 0 = unknown
  int column = 0;     // 1-based; 0 = unknown
  std::string field;  // field path inside the document, e.g. "packages.netlib[1].checksum"

  bool empty() const { return file.empty() && line == 0 && field.empty(); }
};

// A failure: a stable machine code, one sentence for a person, where, and what to do next.
struct Error {
  std::string code;     // stable, kebab-case: "parse", "not-in-set", "checksum-mismatch", ...
  std::string message;  // one sentence, no trailing period needed
  Location where;
  std::string hint;               // what the user can do; may be empty
  std::vector<std::string> path;  // dependency path that led here, root first
  std::vector<Error> causes;      // further errors found in the same pass (parsers collect)
  int http_status = 0;            // code "http-status": the status the server answered
  // Why the system refused a file (codes "not-found", "io" from core/fs), as the message gives it
  // after the path: "No such file or directory", "it is a directory". A caller words its own
  // message from this and where.file rather than from the message; empty otherwise.
  std::string reason;
  // Errors found in the same pass but not listed in `causes` (a parser keeps the first 100):
  // causes.size() + omitted is how many there are.
  std::size_t omitted = 0;

  Error() = default;
  Error(std::string c, std::string m, Location w = {}, std::string h = {})
      : code(std::move(c)), message(std::move(m)), where(std::move(w)), hint(std::move(h)) {}

  // "file:line:col: field: message" (the parts that are known).
  std::string headline() const;
  // Full human rendering: headline, dependency path, causes (indented), hint. No "error: " prefix.
  std::string render() const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

// Propagation in the style of ccache: `TRY(f())` returns f()'s error from the calling function;
// `TRY_ASSIGN(x, f())` also moves the value into the already declared `x`. The caller's return type
// must be a Result<...> or Status.
#define TRY(expr_)                                           \
  do {                                                       \
    auto&& try_result_ = (expr_);                            \
    if (!try_result_) {                                      \
      return tl::unexpected(std::move(try_result_).error()); \
    }                                                        \
  } while (false)

#define TRY_ASSIGN(var_, expr_)                              \
  do {                                                       \
    auto try_result_ = (expr_);                              \
    if (!try_result_) {                                      \
      return tl::unexpected(std::move(try_result_).error()); \
    }                                                        \
    var_ = std::move(*try_result_);                          \
  } while (false)

inline tl::unexpected<Error> fail(Error e) {
  return tl::unexpected<Error>(std::move(e));
}
inline tl::unexpected<Error> fail(std::string code, std::string message, Location where = {},
                                  std::string hint = {}) {
  return tl::unexpected<Error>(
      Error(std::move(code), std::move(message), std::move(where), std::move(hint)));
}

// Quotes a user-supplied value for an error message: "value", with control characters escaped
// (\x1b), every non-ASCII character escaped as its code point (\u0430; \U0001F600 past U+FFFF) so
// a look-alike cannot pass for an ASCII letter, invalid UTF-8 bytes as \xNN, and anything past
// `max_chars` characters elided, so hostile input cannot flood, garble or fool a terminal.
std::string quote(std::string_view value, std::size_t max_chars = 80);

// Collects errors during a parse that reports every problem in one pass.
class ErrorList {
 public:
  void add(Error e) { m_errors.push_back(std::move(e)); }
  bool empty() const { return m_errors.empty(); }
  std::size_t size() const { return m_errors.size(); }
  const std::vector<Error>& errors() const { return m_errors; }
  // Orders the errors by line and column (stable), so a report reads in document order.
  void sort_by_position();
  // One error: the first, with the rest as causes ("and N more"), or the sole error as is.
  Error combine(std::string code, std::string summary, Location where) &&;

 private:
  std::vector<Error> m_errors;
};

}  // namespace pinset
