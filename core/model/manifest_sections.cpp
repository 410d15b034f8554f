// The manifest's trust, mirror and overlay sections (see manifest_sections.hpp).
#include "core/model/detail/manifest_sections.hpp"

#include <algorithm>

#include "core/model/detail/set_rules.hpp"
#include "core/model/package_set.hpp"
#include "core/util/strings.hpp"

namespace pinset::model::detail {

namespace {

using doc::Node;

Error placed(Error e, Location where) {
  e.where = std::move(where);
  return e;
}

// A string field of a mapping; nullopt (error added) when absent and `required`, or not a string.
std::optional<std::string> string_field(const doc::Reader& reader, const Node& map,
                                        const std::string& field, std::string_view key,
                                        bool required, const std::string& hint, ErrorList& errors) {
  const Node* node = map.find(key);
  if (node == nullptr) {
    if (required) errors.add(reader.missing_field(map, field, key, hint));
    return std::nullopt;
  }
  auto text = reader.string(*node, doc::join_field(field, key));
  if (!text) {
    errors.add(text.error());
    return std::nullopt;
  }
  return *text;
}

bool has_url_scheme(std::string_view url) {
  return starts_with(url, "https://") || starts_with(url, "http://") ||
         starts_with(url, "file:///");
}

// The raw bytes of an "ed25519:<b64>" key, or empty with the problem in `why`. The manifest
// parser does not link core/trust, so the key's form is checked here; core/trust checks it again.
std::string raw_public_key(std::string_view text, std::string& why) {
  static constexpr std::string_view k_b64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (!starts_with(text, "ed25519:")) {
    why = "it must start with \"ed25519:\"";
    return {};
  }
  std::string_view body = text.substr(8);
  // 32 bytes are 43 base64 digits and one '=' of padding.
  bool ok = body.size() == 44 && body.back() == '=' &&
            body.substr(0, 43).find_first_not_of(k_b64) == std::string_view::npos &&
            k_b64.find(body[42]) % 4 == 0;  // the last digit's two low bits are padding
  if (!ok) {
    why = "an Ed25519 public key is \"ed25519:\" and 44 characters of standard base64 (32 bytes)";
    return {};
  }
  return std::string(body);
}

// An overlay entry's `dependencies`, by the rules of a set entry's (detail/set_rules.hpp): a
// mapping from package names to ranges in `scheme`, kept in name order. False when any is invalid.
bool read_dependencies(const doc::Reader& reader, const Node& deps, const std::string& field,
                       semver::Scheme scheme, std::vector<OverlayDependency>& out,
                       ErrorList& errors) {
  if (!deps.is_mapping()) {
    errors.add(reader.wrong_type(deps, field, k_dependencies_expected));
    return false;
  }
  bool ok = true;
  for (const auto& [key, value] : deps.entries) {
    const auto& [name, key_mark] = key;
    std::string dep_field = doc::join_field(field, name);
    Status valid_name = check_package_name(name);
    if (!valid_name) {
      errors.add(placed(valid_name.error(),
                        Location{reader.source(), key_mark.line, key_mark.column, field}));
      ok = false;
    }
    auto text = reader.string(value, dep_field);
    if (!text) {
      errors.add(std::move(text.error()));
      ok = false;
      continue;
    }
    auto range = dependency_range(*text, scheme);
    if (!range) {
      errors.add(placed(std::move(range.error()), reader.at(value, dep_field)));
      ok = false;
      continue;
    }
    if (valid_name) out.push_back(OverlayDependency{name, std::move(*range)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return ok;
}

}  // namespace

void read_trust(const doc::Reader& reader, const Node& node, Manifest& out, ErrorList& errors) {
  const std::string field = "package-set.trust";
  const std::string example =
      "trust: {threshold: 2, keys: [{name: alice, public-key: \"ed25519:...\"}, ...]}";
  if (!node.is_mapping()) {
    Error e = reader.wrong_type(node, field, "a mapping with keys and threshold");
    e.hint = "write it as " + example;
    errors.add(std::move(e));
    return;
  }
  reader.check_known_fields(node, field, {"keys", "threshold"}, errors);
  SetTrust trust;
  trust.line = node.mark.line;
  bool ok = true;
  const Node* keys = node.find("keys");
  if (keys == nullptr) {
    errors.add(reader.missing_field(
        node, field, "keys", "list the public keys allowed to sign the set, e.g. " + example));
    ok = false;
  } else if (!keys->is_sequence() || keys->items.empty()) {
    Error e = reader.wrong_type(*keys, field + ".keys", "a non-empty list of keys");
    e.hint = "write it as " + example;
    errors.add(std::move(e));
    ok = false;
  } else {
    std::vector<std::pair<std::string, int>> seen;  // raw key -> line
    for (std::size_t i = 0; i < keys->items.size(); ++i) {
      const Node& item = keys->items[i];
      std::string item_field = doc::index_field(field + ".keys", i);
      if (!item.is_mapping()) {
        Error e = reader.wrong_type(item, item_field, "a mapping with name and public-key");
        e.hint = "write it as {name: alice, public-key: \"ed25519:...\"}";
        errors.add(std::move(e));
        ok = false;
        continue;
      }
      reader.check_known_fields(item, item_field, {"name", "public-key"}, errors);
      TrustedKey key;
      key.line = item.mark.line;
      if (auto name = string_field(reader, item, item_field, "name", false, "", errors)) {
        key.name = *name;
      }
      auto pub = string_field(reader, item, item_field, "public-key", true,
                              "add the key as `pinset set keygen` wrote it in KEY.pub, e.g. "
                              "public-key: \"ed25519:...\"",
                              errors);
      if (!pub) {
        ok = false;
        continue;
      }
      std::string why;
      std::string raw = raw_public_key(*pub, why);
      const Node& pub_node = *item.find("public-key");
      if (raw.empty()) {
        errors.add(Error(codes::invalid_key, "invalid public key " + quote(*pub) + ": " + why,
                         reader.at(pub_node, item_field + ".public-key"),
                         "write the key as `pinset set keygen` wrote it in KEY.pub"));
        ok = false;
        continue;
      }
      auto dup =
          std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == raw; });
      if (dup != seen.end()) {
        errors.add(Error(codes::duplicate_entry,
                         "the public key " + quote(*pub) + " is listed twice (first on line " +
                             std::to_string(dup->second) + ")",
                         reader.at(pub_node, item_field + ".public-key"),
                         "list each key once: a key counts once toward the threshold"));
        ok = false;
        continue;
      }
      seen.emplace_back(raw, key.line);
      key.public_key = *pub;
      trust.keys.push_back(std::move(key));
    }
  }
  if (const Node* threshold = node.find("threshold")) {
    auto n = reader.unsigned_integer(*threshold, field + ".threshold");
    if (!n) {
      errors.add(n.error());
      ok = false;
    } else if (ok && (*n < 1 || *n > trust.keys.size())) {
      errors.add(Error(codes::out_of_range,
                       "threshold " + std::to_string(*n) + " must be between 1 and the " +
                           std::to_string(trust.keys.size()) + " keys listed",
                       reader.at(*threshold, field + ".threshold"),
                       "set how many of the listed keys must have signed the set"));
      ok = false;
    } else {
      trust.threshold = static_cast<int>(std::min<std::uint64_t>(*n, 1000));
    }
  }
  if (ok) out.trust = std::move(trust);
}

void read_expiry_warning_days(const doc::Reader& reader, const Node& node, Manifest& out,
                              ErrorList& errors) {
  auto n = reader.unsigned_integer(node, "package-set.expiry-warning-days");
  if (!n) {
    errors.add(n.error());
  } else if (*n > 3650) {
    errors.add(Error(codes::out_of_range,
                     "expiry-warning-days " + std::to_string(*n) + " is more than 3650 (ten years)",
                     reader.at(node, "package-set.expiry-warning-days"),
                     "write a number of days such as 14"));
  } else {
    out.expiry_warning_days = static_cast<int>(*n);
  }
}

void read_mirrors(const doc::Reader& reader, const Node& node, Manifest& out, ErrorList& errors) {
  const std::string example =
      "mirrors: [{from: https://artifacts.example.com/, to: https://mirror.internal/artifacts/}]";
  if (node.is_null()) return;
  if (!node.is_sequence()) {
    Error e = reader.wrong_type(node, "mirrors", "a list of {from, to} mappings");
    e.hint = "write it as " + example;
    errors.add(std::move(e));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    std::string field = doc::index_field("mirrors", i);
    if (!item.is_mapping()) {
      Error e = reader.wrong_type(item, field, "a mapping with from and to");
      e.hint = "write it as " + example;
      errors.add(std::move(e));
      continue;
    }
    reader.check_known_fields(item, field, {"from", "to"}, errors);
    MirrorRule rule;
    rule.line = item.mark.line;
    bool ok = true;
    for (const char* key : {"from", "to"}) {
      auto text = string_field(reader, item, field, key, true, "add both prefixes, e.g. " + example,
                               errors);
      if (!text) {
        ok = false;
        continue;
      }
      if (!has_url_scheme(*text)) {
        errors.add(Error(codes::invalid_url,
                         "mirror prefix " + quote(*text) +
                             " must be an absolute https://, http:// or file:/// URL",
                         reader.at(*item.find(key), doc::join_field(field, key)),
                         "write e.g. " + example));
        ok = false;
        continue;
      }
      (std::string_view(key) == "from" ? rule.from : rule.to) = *text;
    }
    if (ok) out.mirrors.push_back(std::move(rule));
  }
}

void read_overlay(const doc::Reader& reader, const Node& node, Manifest& out, ErrorList& errors) {
  const std::string example =
      "overlay: [{action: add, name: zlib, version: 1.3.1, checksum: sha256:..., url: "
      "https://..., reason: \"not in the set yet, SEC-12\"}]";
  if (node.is_null()) return;
  if (!node.is_sequence()) {
    Error e = reader.wrong_type(node, "overlay", "a list of add, replace or drop entries");
    e.hint = "write it as " + example;
    errors.add(std::move(e));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node& item = node.items[i];
    std::string field = doc::index_field("overlay", i);
    if (!item.is_mapping()) {
      Error e = reader.wrong_type(item, field, "a mapping with action, name and reason");
      e.hint = "write it as " + example;
      errors.add(std::move(e));
      continue;
    }
    reader.check_known_fields(item, field,
                              {"action", "name", "version", "checksum", "url", "dependencies",
                               "license", "size", "strip-components", "reason", "expires"},
                              errors);
    OverlayEntry entry;
    entry.line = item.mark.line;
    bool ok = true;
    // action
    auto action = string_field(reader, item, field, "action", true,
                               "add action: add, action: replace or action: drop", errors);
    if (!action) {
      ok = false;
    } else if (*action == "add") {
      entry.action = OverlayAction::add;
    } else if (*action == "replace") {
      entry.action = OverlayAction::replace;
    } else if (*action == "drop") {
      entry.action = OverlayAction::drop;
    } else {
      errors.add(Error(
          codes::invalid_action,
          "unknown overlay action " + quote(*action) + "; the actions are: add, replace, drop",
          reader.at(*item.find("action"), field + ".action"),
          "add: a version the set lacks; replace: the set's entries of a package; "
          "drop: a version or a whole package"));
      ok = false;
    }
    // An unknown action is reported once; the fields are then checked as far as they go.
    bool drop = ok && entry.action == OverlayAction::drop;
    bool needs_artifact = ok && !drop;
    // name
    if (auto name = string_field(reader, item, field, "name", true,
                                 "name the package this entry is about", errors)) {
      if (auto valid = check_package_name(*name); !valid) {
        errors.add(placed(valid.error(), reader.at(*item.find("name"), field + ".name")));
        ok = false;
      } else {
        entry.name = *name;
      }
    } else {
      ok = false;
    }
    // version: required for add and replace; absent in a drop means every version.
    if (const Node* version = item.find("version")) {
      auto text = reader.string(*version, field + ".version");
      // In the manifest's versioning, like its dependencies ("2026c" for a debian set).
      auto v =
          text ? entry_version(*text, out.versioning) : Result<semver::Version>(fail(text.error()));
      if (!v) {
        Error e = v.error();
        if (e.where.empty()) e.where = reader.at(*version, field + ".version");
        errors.add(std::move(e));
        ok = false;
      } else {
        entry.version = *v;
      }
    } else if (needs_artifact) {
      errors.add(reader.missing_field(item, field, "version",
                                      "add the exact version, e.g. version: 1.3.1"));
      ok = false;
    }
    // Fields that only add and replace take.
    if (drop) {
      for (const char* key :
           {"checksum", "url", "dependencies", "license", "size", "strip-components"}) {
        if (const Node* extra = item.find(key)) {
          errors.add(Error(codes::not_allowed,
                           "field " + quote(key) +
                               " is not allowed with action drop, which only removes entries",
                           reader.at(*extra, doc::join_field(field, key)),
                           "remove it, or use action: replace to change the package's entries"));
          ok = false;
        }
      }
    } else {
      if (auto checksum = string_field(reader, item, field, "checksum", needs_artifact,
                                       "add the sha256 of the exact archive, e.g. checksum: "
                                       "sha256:<64 hex digits>",
                                       errors)) {
        auto sum = parse_checksum(*checksum);
        if (!sum) {
          errors.add(placed(sum.error(), reader.at(*item.find("checksum"), field + ".checksum")));
          ok = false;
        } else {
          entry.checksum = *sum;
        }
      } else if (needs_artifact) {
        ok = false;
      }
      if (auto url = string_field(reader, item, field, "url", needs_artifact,
                                  "add where the archive is: an https:// URL or a path relative "
                                  "to the manifest",
                                  errors)) {
        if (auto valid = check_url(*url); !valid) {
          errors.add(placed(valid.error(), reader.at(*item.find("url"), field + ".url")));
          ok = false;
        } else {
          entry.url = *url;
        }
      } else if (needs_artifact) {
        ok = false;
      }
      if (const Node* deps = item.find("dependencies")) {
        ok = read_dependencies(reader, *deps, field + ".dependencies", out.versioning,
                               entry.dependencies, errors) &&
             ok;
      }
      if (auto license = string_field(reader, item, field, "license", false, "", errors)) {
        entry.license = *license;
      }
      if (const Node* size = item.find("size")) {
        auto n = reader.unsigned_integer(*size, field + ".size");
        if (n) {
          entry.size = *n;
        } else {
          errors.add(n.error());
          ok = false;
        }
      }
      if (const Node* strip = item.find("strip-components")) {
        auto n = reader.unsigned_integer(*strip, field + ".strip-components");
        auto checked = n ? check_strip_components(*n) : Result<std::uint32_t>(fail(n.error()));
        if (checked) {
          entry.strip_components = *checked;
        } else {
          errors.add(placed(checked.error(), reader.at(*strip, field + ".strip-components")));
          ok = false;
        }
      }
    }
    // reason and expires
    if (auto reason = string_field(reader, item, field, "reason", true,
                                   "say why the project departs from its set, e.g. reason: "
                                   "\"CVE-2026-1234 fixed upstream, not yet in the set (SEC-77)\"",
                                   errors)) {
      entry.reason = *reason;
    } else {
      ok = false;
    }
    if (auto expires = string_field(reader, item, field, "expires", false, "", errors)) {
      if (auto valid = check_date(*expires); !valid) {
        errors.add(placed(valid.error(), reader.at(*item.find("expires"), field + ".expires")));
        ok = false;
      } else {
        entry.expires = *expires;
      }
    }
    if (ok) out.overlay.push_back(std::move(entry));
  }
}

void read_multiple_versions(const doc::Reader& reader, const Node& node, Manifest& out,
                            ErrorList& errors) {
  const std::string field = "multiple-versions";
  const std::string example =
      "multiple-versions: major (one version per compatibility line), any (npm's rule), or "
      "{rule: major, packages: [debug]}";
  MultipleVersionsRule rule;
  rule.at = reader.at(node, field);
  const Node* rule_node = &node;
  std::string rule_field = field;
  if (node.is_mapping()) {
    reader.check_known_fields(node, field, {"rule", "packages"}, errors);
    rule_node = node.find("rule");
    rule_field = doc::join_field(field, "rule");
    if (rule_node == nullptr) {
      errors.add(reader.missing_field(node, field, "rule", "write " + example));
      return;
    }
    if (const Node* packages = node.find("packages")) {
      std::string path = doc::join_field(field, "packages");
      if (!packages->is_sequence() || packages->items.empty()) {
        Error e = reader.wrong_type(*packages, path, "a non-empty list of package names");
        e.hint = "write " + example;
        errors.add(std::move(e));
        return;
      }
      for (std::size_t i = 0; i < packages->items.size(); ++i) {
        std::string item = doc::index_field(path, i);
        auto name = reader.string(packages->items[i], item, false);
        if (!name) {
          errors.add(std::move(name.error()));
          continue;
        }
        if (auto valid = check_package_name(*name); !valid) {
          Error e = valid.error();
          e.where = reader.at(packages->items[i], item);
          errors.add(std::move(e));
          continue;
        }
        rule.packages.push_back(std::move(*name));
      }
      std::sort(rule.packages.begin(), rule.packages.end());
      rule.packages.erase(std::unique(rule.packages.begin(), rule.packages.end()),
                          rule.packages.end());
    }
  } else if (!node.is_scalar()) {
    Error e = reader.wrong_type(node, field, "major, any, or a mapping {rule, packages}");
    e.hint = "write " + example;
    errors.add(std::move(e));
    return;
  }
  auto text = reader.string(*rule_node, rule_field, false);
  if (!text) {
    errors.add(std::move(text.error()));
    return;
  }
  if (*text != "major" && *text != "any") {
    errors.add(Error(codes::invalid_multiple_versions,
                     "unknown multiple-versions rule " + quote(*text),
                     reader.at(*rule_node, rule_field), "write " + example));
    return;
  }
  rule.rule = *text;
  out.multiple_versions = std::move(rule);
}

}  // namespace pinset::model::detail
