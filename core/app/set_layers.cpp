#include "core/app/set_layers.hpp"

#include "core/app/remote_documents.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "core/crypto/digest.hpp"
#include "core/curate/layers.hpp"
#include "core/doc/node.hpp"

namespace pinset::app {

namespace {

constexpr std::size_t k_max_layer_depth = 16;

}  // namespace

Result<SetDocument> read_set_document(const fs::FileSystem& fs, RemoteDocuments* remote,
                                      const std::string& where,
                                      const std::optional<crypto::Checksum>& known) {
  auto located = locate(where, ".");
  if (!located) return fail(located.error());
  SetDocument doc;
  doc.location = *located;
  if (located->scheme == Scheme::http || located->scheme == Scheme::https) {
    if (remote == nullptr) {
      return fail(codes::unsupported_scheme,
                  "cannot fetch " + quote(located->text) + ": this command reads local sets only",
                  {}, "download the set and name the file");
    }
    auto bytes = remote->fetch(located->text, known);
    if (!bytes) return fail(bytes.error());
    doc.bytes = std::move(*bytes);
  } else {
    auto bytes = fs.read(located->text, k_max_set_bytes);
    if (!bytes) {
      Error e = bytes.error();
      if (!e.reason.empty()) {  // the message names the file, so the location would repeat it
        e.message = "cannot read the package set " + e.where.file + ": " + e.reason;
        e.where = {};
      }
      if (e.code == codes::not_found) e.hint = "check the path";
      return fail(std::move(e));
    }
    doc.bytes = std::move(*bytes);
  }
  // Parsed in place when the buffer has room for the JSON parser's padding (fs::read leaves it).
  model::SetParseOptions options;
  options.capacity = doc.bytes.capacity();
  auto set =
      model::parse_package_set(doc.bytes, located->text, doc::format_for(located->text), options);
  if (!set) return fail(set.error());
  doc.set = std::move(*set);
  return doc;
}

namespace {

Result<model::PackageSet> flatten_at(const fs::FileSystem& fs, RemoteDocuments* remote,
                                     model::PackageSet set, std::vector<std::string>& chain) {
  if (!set.layered()) return set;
  if (chain.size() > k_max_layer_depth) {
    return fail(codes::layers_too_deep,
                set.source + " is " + std::to_string(chain.size()) + " layers deep; at most " +
                    std::to_string(k_max_layer_depth) + " are followed",
                Location{set.source, 0, 0, "extends"}, "flatten some of the layers into one set");
  }
  std::vector<model::PackageSet> bases;
  bases.reserve(set.extends.size());
  ErrorList errors;
  for (std::size_t i = 0; i < set.extends.size(); ++i) {
    const model::SetBase& base = set.extends[i];
    std::string item = doc::index_field("extends", i);
    Location at{set.source, base.line, 0, doc::join_field(item, "url")};
    std::string where = model::resolve_url(set.source, base.url);
    auto located = locate(where, ".");
    if (!located) {
      Error e = located.error();
      e.where = at;
      errors.add(std::move(e));
      continue;
    }
    if (std::find(chain.begin(), chain.end(), located->text) != chain.end()) {
      std::string ring;
      auto from = std::find(chain.begin(), chain.end(), located->text);
      for (auto it = from; it != chain.end(); ++it)
        ring += *it + " -> ";
      ring += located->text;
      errors.add(Error(
          codes::layer_cycle,
          set.source + " extends " + located->text + ", which is already being loaded: " + ring, at,
          "a set cannot extend itself, directly or through other sets"));
      continue;
    }
    auto doc = read_set_document(fs, remote, where, base.digest);
    if (!doc) {
      Error e = doc.error();
      if (e.where.empty()) e.where = at;
      e.message = "base set " + quote(base.url) + " of " + set.source + ": " + e.message;
      errors.add(std::move(e));
      continue;
    }
    crypto::Checksum actual = crypto::digest(base.digest.algo(), doc->bytes);
    if (actual != base.digest) {
      errors.add(Error(codes::set_digest_mismatch,
                       "the base set " + located->text + " does not match the digest " +
                           set.source + " pins for it: expected " + base.digest.str() + ", got " +
                           actual.str(),
                       Location{set.source, base.line, 0, doc::join_field(item, "digest")},
                       "if the base was republished on purpose, review it (pinset set diff) and "
                       "update the digest in " +
                           set.source + "; otherwise do not use it"));
      // Still follow its own bases, only to report a cycle (which no digest can close, since
      // each would have to contain the other's).
      chain.push_back(located->text);
      auto deeper = flatten_at(fs, remote, std::move(doc->set), chain);
      chain.pop_back();
      if (!deeper) {
        for (Error& c : deeper.error().causes.empty() ? std::vector<Error>{deeper.error()}
                                                      : deeper.error().causes) {
          if (c.code == codes::layer_cycle) errors.add(std::move(c));
        }
      }
      continue;
    }
    chain.push_back(located->text);
    auto flat = flatten_at(fs, remote, std::move(doc->set), chain);
    chain.pop_back();
    if (!flat) {
      errors.add(std::move(flat.error()));
      continue;
    }
    bases.push_back(std::move(*flat));
  }
  if (!errors.empty()) {
    return fail(
        std::move(errors).combine(codes::flatten_failed, set.source + " cannot be flattened", {}));
  }
  std::vector<curate::Layer> layers;
  for (const model::PackageSet& b : bases)
    layers.push_back(curate::Layer{&b, curate::set_label(b)});
  return curate::flatten(set, layers);
}

}  // namespace

Result<model::PackageSet> flatten_layers(const fs::FileSystem& fs, RemoteDocuments* remote,
                                         model::PackageSet set) {
  std::vector<std::string> chain{set.source};
  return flatten_at(fs, remote, std::move(set), chain);
}

std::string artifact_fetch_url(const model::PackageSet& set, const model::Entry& entry) {
  std::string url = set.artifact_url(entry);
  if (url.find("://") != std::string::npos) return url;
  return "file://" + std::filesystem::absolute(url).lexically_normal().string();
}

void align_paths(const std::vector<model::PackageSet*>& sets, std::string& output) {
  namespace stdfs = std::filesystem;
  auto is_path = [](const std::string& s) { return s.find("://") == std::string::npos; };
  bool absolute = stdfs::path(output).is_absolute();
  bool mixed = false;
  for (const model::PackageSet* set : sets) {
    if (is_path(set->source) && stdfs::path(set->source).is_absolute() != absolute) mixed = true;
  }
  if (!mixed) return;
  output = stdfs::absolute(output).lexically_normal().string();
  for (model::PackageSet* set : sets) {
    if (is_path(set->source))
      set->source = stdfs::absolute(set->source).lexically_normal().string();
  }
}

Result<model::PackageSet> read_flat_set(const fs::FileSystem& fs, RemoteDocuments* remote,
                                        const std::string& where) {
  auto doc = read_set_document(fs, remote, where);
  if (!doc) return fail(doc.error());
  return flatten_layers(fs, remote, std::move(doc->set));
}

}  // namespace pinset::app
