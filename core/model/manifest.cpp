// The manifest parser: pinset.yaml / pinset.json into a Manifest, reporting every problem at once.
//
//   name: my-app
//   package-set:
//     url: https://example.org/sets/2024-06.yaml
//     digest: sha256:...            # optional: pins the exact bytes of the set
//   dependencies:
//     zlib: ^1.3.0
//
// and the optional package-set.trust, package-set.expiry-warning-days, mirrors and overlay
// (manifest_sections.cpp; package-sets/README.md documents them).
#include <algorithm>

#include "core/doc/loader.hpp"
#include "core/model/detail/manifest_sections.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"

namespace pinset::model {

namespace {

using doc::Node;

// Example snippets for hints, in the manifest's own format.
struct Examples {
  bool json;
  std::string name() const { return json ? "\"name\": \"my-app\"" : "name: my-app"; }
  std::string package_set() const {
    return json ? "\"package-set\": {\"url\": \"https://example.org/sets/main.json\"}"
                : "package-set: {url: https://example.org/sets/main.yaml}";
  }
  std::string url() const {
    return json ? "\"url\": \"https://example.org/sets/main.json\""
                : "url: https://example.org/sets/main.yaml";
  }
  std::string dependencies() const {
    return json ? "\"dependencies\": {\"zlib\": \"^1.3.0\"}" : "dependencies: {zlib: ^1.3.0}";
  }
};

// A located copy of an error that a value parser (names, ranges, checksums) gave without a place.
Error placed(Error e, Location where) {
  e.where = std::move(where);
  return e;
}

class ManifestReader {
 public:
  ManifestReader(const std::string& source, doc::Format format)
      : m_reader(source), m_examples{format == doc::Format::json} {}

  void read(const Node& root, Manifest& out) {
    m_reader.check_known_fields(root, "",
                                {"name", "package-set", "dependencies", "versioning", "install-dir",
                                 "layout", "overlay", "mirrors", "multiple-versions"},
                                m_errors);
    // The ranges' scheme first: `dependencies` are read in it.
    if (const Node* versioning = root.find("versioning")) {
      auto text = m_reader.string(*versioning, "versioning", false);
      auto scheme = text ? semver::parse_scheme(*text) : Result<semver::Scheme>(fail(text.error()));
      if (scheme) {
        out.versioning = *scheme;
      } else {
        m_errors.add(placed(scheme.error(), m_reader.at(*versioning, "versioning")));
      }
    }
    if (const Node* dir = root.find("install-dir")) read_install_dir(*dir, out);
    if (const Node* layout = root.find("layout")) {
      auto text = m_reader.string(*layout, "layout", false);
      if (text) {
        out.layout = *text;
        out.layout_at = m_reader.at(*layout, "layout");
      } else {
        m_errors.add(text.error());
      }
    }
    if (const Node* overlay = root.find("overlay")) {
      detail::read_overlay(m_reader, *overlay, out, m_errors);
    }
    if (const Node* mirrors = root.find("mirrors")) {
      detail::read_mirrors(m_reader, *mirrors, out, m_errors);
    }
    if (const Node* multiple = root.find("multiple-versions")) {
      detail::read_multiple_versions(m_reader, *multiple, out, m_errors);
    }
    if (const Node* name = root.find("name")) {
      auto text = m_reader.string(*name, "name", false);
      if (text) {
        out.name = *text;
      } else {
        m_errors.add(text.error());
      }
    } else {
      m_errors.add(m_reader.missing_field(root, "", "name",
                                          "add the project's name, e.g. " + m_examples.name()));
    }
    if (const Node* set = root.find("package-set")) {
      read_set(*set, out);
    } else {
      m_errors.add(m_reader.missing_field(
          root, "", "package-set",
          "name the package set this project uses, e.g. " + m_examples.package_set()));
    }
    if (const Node* deps = root.find("dependencies")) {
      read_dependencies(*deps, out);
    } else {
      m_errors.add(m_reader.missing_field(
          root, "", "dependencies",
          "list the packages this project uses with their version ranges, e.g. " +
              m_examples.dependencies() + " (or {} for none)"));
    }
  }

  // Every error found, in document order.
  ErrorList take_errors() && {
    m_errors.sort_by_position();
    return std::move(m_errors);
  }

 private:
  void read_set(const Node& set, Manifest& out) {
    if (!set.is_mapping()) {
      Error e = m_reader.wrong_type(set, "package-set", "a mapping with url and digest");
      e.hint = "write it as " + m_examples.package_set();
      m_errors.add(std::move(e));
      return;
    }
    m_reader.check_known_fields(set, "package-set",
                                {"url", "digest", "trust", "expiry-warning-days"}, m_errors);
    if (const Node* trust = set.find("trust")) detail::read_trust(m_reader, *trust, out, m_errors);
    if (const Node* days = set.find("expiry-warning-days")) {
      detail::read_expiry_warning_days(m_reader, *days, out, m_errors);
    }
    if (const Node* url = set.find("url")) {
      out.set_line = url->mark.line;
      auto text = m_reader.string(*url, "package-set.url", false);
      if (text) {
        out.set_url = *text;
      } else {
        m_errors.add(text.error());
      }
    } else {
      out.set_line = set.mark.line;
      m_errors.add(m_reader.missing_field(
          set, "package-set", "url",
          "add the URL or path of the package set, e.g. " + m_examples.url()));
    }
    if (const Node* digest = set.find("digest")) {
      auto text = m_reader.string(*digest, "package-set.digest", false);
      if (!text) {
        m_errors.add(text.error());
        return;
      }
      auto checksum = Checksum::parse(*text);
      if (checksum) {
        out.set_digest = *checksum;
        out.set_digest_line = digest->mark.line;
      } else {
        m_errors.add(placed(checksum.error(), m_reader.at(*digest, "package-set.digest")));
      }
    }
  }

  // A folder inside the project: relative, no ".." (a manifest must not send writes elsewhere;
  // --prefix can).
  void read_install_dir(const Node& node, Manifest& out) {
    auto text = m_reader.string(node, "install-dir", false);
    if (!text) {
      m_errors.add(text.error());
      return;
    }
    bool ok = !text->empty() && text->front() != '/';
    std::size_t start = 0;
    while (ok && start <= text->size()) {
      std::size_t end = text->find('/', start);
      if (end == std::string::npos) end = text->size();
      std::string_view part = std::string_view(*text).substr(start, end - start);
      if (part == ".." || (part == "." && text->size() == 1)) ok = false;
      start = end + 1;
    }
    if (!ok) {
      m_errors.add(
          Error(codes::invalid_install_dir,
                "install-dir " + quote(*text) +
                    " must be a folder inside the project: a relative path without \"..\"",
                m_reader.at(node, "install-dir"),
                "write e.g. install-dir: vendor/pinset, or pass --prefix for another place"));
      return;
    }
    out.install_dir = *text;
  }

  void read_dependencies(const Node& deps, Manifest& out) {
    if (deps.is_null()) return;  // "dependencies:" with nothing under it: none
    if (!deps.is_mapping()) {
      Error e = m_reader.wrong_type(deps, "dependencies",
                                    "a mapping from package names to version ranges");
      e.hint = "write it as " + m_examples.dependencies();
      m_errors.add(std::move(e));
      return;
    }
    for (const auto& [key, value] : deps.entries) {
      const auto& [name, key_mark] = key;
      std::string field = doc::join_field("dependencies", name);
      bool ok = true;
      if (auto valid = check_package_name(name); !valid) {
        m_errors.add(placed(valid.error(),
                            Location{m_reader.source(), key_mark.line, key_mark.column, field}));
        ok = false;
      }
      auto range = read_range(value, field, out.versioning);
      if (!range) {
        m_errors.add(std::move(range.error()));
        ok = false;
      }
      if (ok) {
        out.dependencies.push_back(RootDependency{name, std::move(*range), key_mark.line});
      }
    }
    std::sort(out.dependencies.begin(), out.dependencies.end(),
              [](const RootDependency& a, const RootDependency& b) { return a.name < b.name; });
  }

  Result<semver::Range> read_range(const Node& value, const std::string& field,
                                   semver::Scheme scheme) {
    // Plain text is fine here: YAML reads `zlib: 1.3` as a number, but it is also a range.
    if (!value.is_scalar() || value.scalar.empty()) {
      Error e = m_reader.wrong_type(value, field, "a version range");
      e.hint = "write a range such as \"^1.2.0\", or \"*\" for any version";
      return fail(std::move(e));
    }
    auto range = semver::Range::parse(value.scalar, scheme);
    if (range) return range;
    Error e = placed(range.error(), m_reader.at(value, field));
    // A range of upstream versions ("2026b", ">=2026a") read as SemVer: say how to read it. Not
    // for a SemVer range with x-ranges or a broken prerelease ("^1.x.3-"), whatever else reads it.
    const bool upstream_like =
        value.scalar.find_first_of("xX*") == std::string::npos && value.scalar.back() != '-';
    if (scheme == semver::Scheme::semver && upstream_like) {
      for (semver::Scheme other :
           {semver::Scheme::relaxed, semver::Scheme::date, semver::Scheme::debian}) {
        if (semver::Range::parse(value.scalar, other)) {
          const std::string name(semver::scheme_info(other).name);
          e.hint = "it is a range of " + name + " versions: when the package set declares " +
                   "`versioning: " + name + "`, write `versioning: " + name +
                   "` in the manifest too";
          break;
        }
      }
    }
    return fail(std::move(e));
  }

  doc::Reader m_reader;
  Examples m_examples;
  ErrorList m_errors;
};

}  // namespace

Result<Manifest> parse_manifest(std::string_view text, const std::string& source,
                                doc::Format format) {
  auto root = doc::load(text, source, format);
  if (!root) return fail(root.error());
  Manifest manifest;
  manifest.source = source;
  ManifestReader reader(source, format);
  if (!root->is_mapping()) {
    doc::Reader r(source);
    Error e = r.wrong_type(*root, "", "a mapping with name, package-set and dependencies");
    Examples examples{format == doc::Format::json};
    e.hint = "write the three fields, e.g. " + examples.name() + ", " + examples.package_set() +
             " and " + examples.dependencies();
    return fail(std::move(e));
  }
  reader.read(*root, manifest);
  ErrorList errors = std::move(reader).take_errors();
  if (!errors.empty()) {
    return fail(std::move(errors).combine(codes::invalid_manifest,
                                          source + " is not a valid manifest", {}));
  }
  return manifest;
}

}  // namespace pinset::model
