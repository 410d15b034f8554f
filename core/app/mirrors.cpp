#include "core/app/mirrors.hpp"

#include "core/util/strings.hpp"

namespace pinset::app {

namespace {

bool absolute_url(std::string_view url) {
  return starts_with(url, "https://") || starts_with(url, "http://") ||
         starts_with(url, "file:///");
}

}  // namespace

std::string apply_mirrors(std::string_view url, const std::vector<model::MirrorRule>& rules) {
  for (const model::MirrorRule& rule : rules) {
    if (!rule.from.empty() && starts_with(url, rule.from)) {
      return rule.to + std::string(url.substr(rule.from.size()));
    }
  }
  return std::string(url);
}

Result<std::string> read_document(const fs::FileSystem& fs, RemoteDocuments* remote,
                                  const DocumentLocation& where,
                                  const std::vector<model::MirrorRule>& rules,
                                  const std::optional<crypto::Checksum>& known,
                                  std::size_t max_bytes) {
  DocumentLocation from = where;
  if (where.scheme == Scheme::http || where.scheme == Scheme::https) {
    std::string mirrored = apply_mirrors(where.text, rules);
    if (mirrored != where.text) {
      auto located = locate(mirrored, ".");
      if (!located) return fail(located.error());
      from = *located;
    }
  }
  if (from.scheme == Scheme::http || from.scheme == Scheme::https) {
    if (remote == nullptr) {
      return fail(codes::unsupported_scheme,
                  "cannot fetch " + quote(from.text) + ": this command reads local sets only", {},
                  "download the set and point package-set.url at the file");
    }
    return remote->fetch(from.text, known);
  }
  return fs.read(from.text, max_bytes);
}

Result<model::MirrorRule> parse_mirror_arg(std::string_view arg) {
  std::size_t eq = arg.find('=');
  const char* hint =
      "write --mirror ORIGINAL_PREFIX=MIRROR_PREFIX, e.g. --mirror "
      "https://artifacts.example.com/=https://mirror.internal/artifacts/";
  if (eq == std::string_view::npos) {
    return fail(codes::invalid_mirror,
                "--mirror " + quote(arg) + " has no \"=\" between the two prefixes", {}, hint);
  }
  model::MirrorRule rule{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1)), 0};
  for (const std::string* part : {&rule.from, &rule.to}) {
    if (!absolute_url(*part)) {
      return fail(codes::invalid_mirror,
                  "--mirror " + quote(arg) + ": " + quote(*part) +
                      " is not an absolute https://, http:// or file:/// URL",
                  {}, hint);
    }
  }
  return rule;
}

}  // namespace pinset::app
