// The JSON path: simdjson's on-demand parser into the model through JsonSource and the shared
// walker; doc::load_json only when the text is not valid JSON, for a located error.
//
// A large set is read by two threads. The cut is guessed from the text alone (the first `],"`
// past 50% of it, where one package's list ends and the next key starts); a second parser reads
// `{` + the text from that key on, while the first reads the document and hands the packages over
// when it meets a key exactly at the cut. If it meets none (the guess was inside a string), or
// the second part has fallen so far behind (a busy machine) that reading on alone is quicker, it
// reads them all itself and the second part is dropped: the result never depends on the split.
#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <thread>

#include "core/model/detail/json_source.hpp"

namespace pinset::model::detail {

static_assert(k_json_padding >= simdjson::SIMDJSON_PADDING);

namespace {

namespace od = simdjson::ondemand;

// Sets at least this large are read by two threads on a machine with two cores.
constexpr std::size_t k_split_bytes = std::size_t{16} << 20;
// Percent of the text the first part reads: it also runs the stage 1 of the whole document and
// builds first; the second copies its part and parses it on its own.
constexpr std::size_t k_first_share = 50;

// The error for a document simdjson rejects: doc::load_json's, which names the line and column.
// If that loader accepts the text after all, the tree path decides.
Result<PackageSet> fall_back(std::string_view text, const std::string& source,
                             const SetParseOptions& options, simdjson::error_code error,
                             std::size_t offset) {
  doc::Limits limits;
  limits.max_bytes = std::max(options.max_bytes, text.size());
  auto root = doc::load_json(text, source, limits);
  if (root) return read_set(*root, source);
  if (root.error().code != codes::too_large) return fail(std::move(root.error()));
  // The loader hit its node limit before it reached the syntax error: say what simdjson found.
  doc::Mark mark = doc::mark_at(text, std::min(offset, text.size()));
  return fail(codes::parse, std::string("invalid JSON: ") + simdjson::error_message(error),
              Location{source, mark.line, mark.column}, "fix the JSON syntax at this place");
}

bool should_split(std::size_t size, unsigned threads) {
  if (threads == 0) return size >= k_split_bytes && std::thread::hardware_concurrency() >= 2;
  return threads >= 2;
}

// Where the second part could start: a `"` after `]`, spaces, `,` and spaces, past
// k_first_share of the text. A guess: see the file comment.
std::optional<std::size_t> find_cut(std::string_view text) {
  auto skip_spaces = [&](std::size_t i) {
    while (i < text.size() && is_space(text[i]))
      ++i;
    return i;
  };
  std::size_t from = text.size() / 100 * k_first_share;
  std::size_t limit = std::min(text.size(), from + (std::size_t{1} << 20));
  for (std::size_t i = text.find(']', from); i < limit; i = text.find(']', i + 1)) {
    std::size_t j = skip_spaces(i + 1);
    if (j >= text.size() || text[j] != ',') continue;
    j = skip_spaces(j + 1);
    if (j < text.size() && text[j] == '"') return j;
  }
  return std::nullopt;
}

// The packages from the cut on, read by their own parser and walker on another thread.
struct SecondPart {
  SecondPart(std::string_view whole, SplitState& split, const std::string& source, PackageSet& set)
      : text(whole),
        state(split),
        json(whole, nullptr, split.cut - 1, source),
        walker(json, set, errors) {
    json.split(&split, false);
    walker.defer_ranges();  // the first part parses most of them; see settle_ranges()
  }

  void run() {
    try {
      if (state.cancelled.load()) return;
      // `{` and the text from the cut on, padded (copied here, on this part's own thread).
      buffer.reserve(1 + text.size() - state.cut + simdjson::SIMDJSON_PADDING);
      buffer += '{';
      buffer.append(text.substr(state.cut));
      json.read_from(buffer.data());
      if (state.cancelled.load()) return;
      od::document document;
      if (auto e = parser.iterate(buffer.data(), buffer.size(), buffer.capacity()).get(document)) {
        return json.fail(e);
      }
      json.watch(&document);
      od::value root;
      if (auto e = document.get_value().get(root)) return json.fail(e);
      const FieldPath top;
      walker.packages(root, FieldPath{&top, "packages"});
      json.watch(nullptr);
    } catch (...) {
      failure = std::current_exception();
    }
  }

  std::string_view text;
  const SplitState& state;
  std::string buffer;
  od::parser parser;
  ErrorSink errors;
  JsonSource json;
  SetWalker<JsonSource> walker;
  std::exception_ptr failure;
};

// The second part's thread: told to stop and joined however the scope is left.
struct Helper {
  SplitState* split;
  std::thread thread;
  void join() {
    if (thread.joinable()) thread.join();
  }
  ~Helper() {
    split->cancelled.store(true);
    join();
  }
};

}  // namespace

Result<PackageSet> read_json_set(std::string_view text, const std::string& source,
                                 const SetParseOptions& options) {
  simdjson::padded_string copy;
  const char* base = text.data();
  std::size_t capacity = options.capacity;
  if (capacity < text.size() + simdjson::SIMDJSON_PADDING) {
    copy = simdjson::padded_string(text);
    base = copy.data();
    capacity = text.size() + simdjson::SIMDJSON_PADDING;
  }
  PackageSet set;
  set.source = source;
  ErrorSink errors;
  JsonSource json(text, base, 0, source);
  SetWalker<JsonSource> walker(json, set, errors);
  // The second part starts first: its copy and stage 1 overlap the first part's stage 1.
  SplitState split;
  std::unique_ptr<SecondPart> second;
  Helper helper{&split, {}};
  if (should_split(text.size(), options.threads)) {
    if (std::optional<std::size_t> cut = find_cut(text)) {
      split.cut = *cut;
      split.adaptive = options.threads == 0;
      second = std::make_unique<SecondPart>(text, split, source, set);
      json.split(&split, true);
      helper.thread = std::thread([&] { second->run(); });
    }
  }

  od::parser parser;
  od::document document;
  if (auto e = parser.iterate(base, text.size(), capacity).get(document)) {
    return fall_back(text, source, options, e, 0);
  }
  od::value root;
  if (auto e = document.get_value().get(root)) {  // a scalar document: let the tree path say so
    return fall_back(text, source, options, e, 0);
  }
  json.watch(&document);
  walker.document(root);
  // While the second part is still being read, the first can already go into the set: the second
  // walker does not touch the set before its own build().
  if (errors.empty() && !json.error()) walker.build();
  helper.join();
  if (!json.handed_off()) second.reset();  // the first part read every package
  if (walker.scheme_late() || (second && walker.scheme() != semver::Scheme::semver)) {
    // A `versioning` after the packages, or a split set of another scheme (the second part read
    // with the default one): the tree path knows the scheme before it reads a version.
    doc::Limits limits;
    limits.max_bytes = std::max(options.max_bytes, text.size());
    auto tree = doc::load_json(text, source, limits);
    if (!tree) return fail(std::move(tree.error()));
    return read_set(*tree, source);
  }
  if (second && second->failure) std::rethrow_exception(second->failure);

  // After the root's closing brace the document should be over: a location past it is trailing
  // content (simdjson 3.0 does not check that for an object root).
  const char* at = nullptr;
  bool located = !document.current_location().get(at);
  if (located && !json.error()) json.fail(simdjson::TRAILING_CONTENT);
  if (json.error()) {
    std::size_t offset = located ? static_cast<std::size_t>(at - base) : text.size();
    return fall_back(text, source, options, json.error(), offset);
  }
  if (second) {
    if (second->json.error()) return fall_back(text, source, options, second->json.error(), 0);
    if (second->json.packages_end() != json.packages_end()) {
      // The parts disagree on where the packages end; cannot happen with a key at the cut, but
      // the answer must not depend on it: read the set on one thread.
      SetParseOptions alone = options;
      alone.threads = 1;
      return read_json_set(text, source, alone);
    }
    if (!second->walker.settle_ranges(walker)) {
      // An invalid range in the second part: read the set again on one thread, which reports
      // every use of it where it is.
      SetParseOptions alone = options;
      alone.threads = 1;
      return read_json_set(text, source, alone);
    }
    second->walker.check_duplicates(walker);
    errors.absorb(std::move(second->errors));
  }
  // No error now means none then either: the first part is in the set already.
  if (errors.empty() && second) second->walker.build();
  if (!errors.empty()) {
    // On-demand parsing checks the syntax only where the walker looked, and it stops looking into
    // a value with a field error: a syntax error further on would go unreported, hidden behind
    // its own consequences (a "missing" field). Before reporting field errors, make sure the
    // document is JSON; a syntax error is then the report, as on the tree path (found by the
    // set_json fuzz target). The loader's other refusals (duplicate keys, depth) are ones the
    // walker reports too, each of them rather than the first.
    doc::Limits limits;
    limits.max_bytes = std::max(options.max_bytes, text.size());
    auto tree = doc::load_json(text, source, limits);
    if (!tree && tree.error().code == codes::parse) return fail(std::move(tree.error()));
    return fail(std::move(errors).finish(source));
  }
  set.finish();
  return set;
}

}  // namespace pinset::model::detail
