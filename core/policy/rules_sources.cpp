// The sources and checksums rules: where the set and each artifact are fetched from, and how
// each artifact is pinned.
#include <algorithm>

#include "core/policy/rule_table.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy::detail {

namespace {

// The scheme of a URL as the sources rule sees it: a relative reference or absolute path is a
// local file.
std::string scheme_of(std::string_view url) {
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return "file";
  return std::string(url.substr(0, colon));
}

// An absolute URL for prefix checks: relative references are resolved against `base_dir` and
// local paths written file:///...
std::string absolute_url(std::string_view url, const std::string& base_dir) {
  if (url.find("://") != std::string_view::npos) return std::string(url);
  std::string path = model::resolve_url(base_dir + "/", url);
  return path.starts_with("/") ? "file://" + path : path;
}

bool allowed_by(const std::string& url, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return url.starts_with(p); });
}

// `i`: the prefix's index in the list `n` (unused when `n` is a lone string).
void check_prefix(SettingsReader& r, const doc::Node& n, const std::string& field, std::size_t i,
                  const std::string& p) {
  if (p.starts_with("https://") || p.starts_with("http://") || p.starts_with("file://")) return;
  r.add(Error(codes::invalid_value,
              "source prefix " + quote(p) + " is not an https://, http:// or file:// URL",
              r.item_at(n, doc::join_field(field, "allow"), i),
              "write a URL prefix such as https://sets.example.com/ or file:///srv/"));
}

}  // namespace

void parse_sources(SettingsReader& r, const doc::Node& value, const std::string& field,
                   SourcesRule& out) {
  if (const doc::Node* n = value.find("schemes")) {
    out.schemes = r.words(*n, doc::join_field(field, "schemes"), {"https", "http", "file"});
  }
  if (const doc::Node* n = value.find("allow")) {
    std::vector<std::size_t> at;
    auto prefixes = r.strings(*n, doc::join_field(field, "allow"), &at);
    for (std::size_t i = 0; i < prefixes.size(); ++i)
      check_prefix(r, *n, field, at[i], prefixes[i]);
    out.allow.push_back(std::move(prefixes));
  }
}

void combine_sources(SourcesRule& into, const SourcesRule& next) {
  into.schemes = intersect(into.schemes, next.schemes);
  for (const auto& list : next.allow)
    into.allow.push_back(list);
}

void check_sources(const SourcesRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  auto check = [&](const std::string& written, const std::string& absolute, auto&& report) {
    std::string scheme = scheme_of(written);
    if (std::find(rule.schemes.begin(), rule.schemes.end(), scheme) == rule.schemes.end()) {
      report("scheme:" + scheme, "uses the scheme " + scheme + ", which the policy does not allow",
             "use " + join(rule.schemes, " or ") + " URLs only");
      return;
    }
    for (const auto& list : rule.allow) {
      if (!allowed_by(absolute, list)) {
        report("prefix:" + absolute.substr(0, absolute.find('/', scheme.size() + 3)),
               "is not under an allowed prefix (" + join(list, ", ") + ")",
               "fetch it from an allowed location, or add the location to rules.sources.allow");
        return;
      }
    }
  };
  const auto& m = *c.manifest;
  check(m.set_url, c.set_url.empty() ? absolute_url(m.set_url, c.project_dir) : c.set_url,
        [&](std::string key, std::string why, std::string hint) {
          emit.project("source-not-allowed", "set:" + key,
                       "the package set URL " + quote(m.set_url) + " " + why, std::move(hint),
                       emit.manifest_at(m.set_line));
        });
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    check(p.url, absolute_url(p.url, c.project_dir),
          [&](std::string key, std::string why, std::string hint) {
            emit.package(p, "source-not-allowed", std::move(key),
                         p.name + " " + p.version.str() + " is fetched from " + quote(p.url) +
                             ", which " + why,
                         std::move(hint));
          });
  }
}

void parse_checksums(SettingsReader& r, const doc::Node& value, const std::string& field,
                     ChecksumsRule& out) {
  if (const doc::Node* n = value.find("algorithms")) {
    out.algorithms = r.words(*n, doc::join_field(field, "algorithms"), {"sha256", "sha512"});
  }
}

void combine_checksums(ChecksumsRule& into, const ChecksumsRule& next) {
  into.algorithms = intersect(into.algorithms, next.algorithms);
}

void check_checksums(const ChecksumsRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    std::string algo(crypto::algo_name(p.checksum.algo()));
    if (std::find(rule.algorithms.begin(), rule.algorithms.end(), algo) != rule.algorithms.end()) {
      continue;
    }
    emit.package(
        p, "checksum-algorithm", algo,
        p.name + " " + p.version.str() + " is pinned with " + algo +
            ", which the policy does not allow",
        "ask the set's curators to list it with a " + join(rule.algorithms, " or ") + " checksum");
  }
}

}  // namespace pinset::policy::detail
