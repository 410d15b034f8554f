#include "core/app/artifact_urls.hpp"

namespace pinset::app {
namespace {

const char* allowed_for(url::Scheme set_scheme) {
  return set_scheme == url::Scheme::https ? "https artifacts only" : "http or https artifacts only";
}

}  // namespace

Status check_artifact_url(url::Scheme set_scheme, const std::string& set_where,
                          const std::string& label, std::string_view url, Location at) {
  if (auto ok = url::check_length(url, "the artifact URL of " + label); !ok) {
    Error e = ok.error();
    e.where = std::move(at);
    return fail(std::move(e));
  }
  url::Scheme scheme = url::scheme_of(url);
  if (scheme == url::Scheme::other) {
    return fail(codes::unsupported_scheme,
                label + " names the artifact URL " + quote(url, 200) +
                    " of the unsupported scheme " + quote(url::scheme_text(url)) +
                    " (pinset reads https, http and file URLs)",
                std::move(at), "fix the artifact's URL in the package set");
  }
  if (url::may_name(set_scheme, scheme)) return {};
  std::string kind = scheme == url::Scheme::path ? "the local path " : "the URL ";
  return fail(codes::insecure_artifact_url,
              label + " names " + kind + quote(url, 200) + ", but the package set " +
                  quote(set_where, 200) + " was fetched over " + url::scheme_name(set_scheme) +
                  ", so it may name " + allowed_for(set_scheme),
              std::move(at),
              "ask the set's curators to publish the artifact over https; to use a local copy, "
              "map its URL with a mirror (mirrors: in the manifest, or --mirror)");
}

Status check_artifact_urls(const model::PackageSet& set, const DocumentLocation& where) {
  ErrorList errors;
  // A reference without a scheme resolves against the set to the set's own scheme, which the
  // set may always name; only its resolved length can then be wrong, and it is at most the two
  // lengths together. Such entries (all of them, in most sets) are passed without building
  // their URL and label: a set of 300,000 entries is checked in milliseconds.
  const bool relative_ok = url::may_name(where.scheme, where.scheme);
  for (const model::Package& pkg : set.packages()) {
    std::size_t index = 0;
    for (const model::Entry& entry : pkg.entries) {
      if (relative_ok && url::scheme_of(entry.url) == url::Scheme::path &&
          set.source.size() + entry.url.size() + 1 <= url::k_max_url_bytes) {
        ++index;
        continue;
      }
      std::string name(set.name_of(pkg.name));
      std::string label = name + " " + entry.version.str();
      Location at{set.source, entry.line, 0,
                  "packages." + name + "[" + std::to_string(index++) + "].url"};
      if (auto ok =
              check_artifact_url(where.scheme, where.text, label, set.artifact_url(entry), at);
          !ok) {
        errors.add(ok.error());
      }
    }
  }
  if (errors.empty()) return {};
  if (errors.size() == 1) return fail(errors.errors().front());
  std::size_t n = errors.size();
  return fail(std::move(errors).combine(
      codes::unsafe_set, std::to_string(n) + " artifact URLs of the package set cannot be used",
      Location{set.source}));
}

}  // namespace pinset::app
