// libFuzzer target: a package set in JSON. Differential: the simdjson fast path (on one thread and
// split between two) and the generic path (doc::load_json, then the tree walker YAML sets use)
// must accept the same documents and produce the same set.
#include "core/doc/loader.hpp"
#include "core/model/detail/set_parser.hpp"
#include "core/model/package_set.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/set_summary.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::string source = "fuzz/set.json";
  model::SetParseOptions one;
  one.threads = 1;
  auto fast = model::parse_package_set(text, source, doc::Format::json, one);
  model::SetParseOptions two;
  two.threads = 2;
  auto split = model::parse_package_set(text, source, doc::Format::json, two);

  fuzz::require(fast.has_value() == split.has_value(), "one and two threads disagree on accepting");
  if (!fast) {
    fuzz::check_error(fast.error());
  } else {
    fuzz::require(fuzz::summarize(*fast) == fuzz::summarize(*split),
                  "one and two threads read different sets");
  }

  auto tree = doc::load_json(text, source);
  if (!tree) {
    fuzz::require(!fast.has_value(),
                  "the fast path accepted JSON the loader refuses: " + tree.error().render());
    // A syntax error is reported as the loader reports it, on one thread or two, even after field
    // errors (hostile_metadata_test.cpp, JsonSyntaxErrorAfterFieldErrorsIsReportedOnOneThreadToo).
    if (tree.error().code == "parse") {
      fuzz::require(fast.error().render() == tree.error().render(),
                    "one thread reports invalid JSON differently:\n" + fast.error().render() +
                        "\n" + tree.error().render());
      fuzz::require(split.error().render() == tree.error().render(),
                    "two threads report invalid JSON differently:\n" + split.error().render() +
                        "\n" + tree.error().render());
    }
    return 0;
  }
  auto walked = model::detail::read_set(*tree, source);
  if (fast.has_value() != walked.has_value()) {
    fuzz::die(
        fast ? "the fast path accepted a set the tree walker refuses: " + walked.error().render()
             : "the tree walker accepted a set the fast path refuses: " + fast.error().render());
  }
  if (fast) {
    fuzz::require(fuzz::summarize(*fast) == fuzz::summarize(*walked),
                  "the fast path and the tree walker read different sets:\n" +
                      fuzz::summarize(*fast) + "\n" + fuzz::summarize(*walked));
  }
  return 0;
}
