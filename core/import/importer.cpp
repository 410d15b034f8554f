#include "core/import/importer.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/model/set_rules.hpp"

namespace pinset::importer {

namespace {

using Reader = Result<Parsed> (*)(std::string_view, const std::string&, const ImportOptions&);

// One row per format: its name, the file names that announce it, its reader, and the versioning
// scheme of the set it makes. Python's versions (PEP 440) are read in the debian scheme: it takes
// every one of them as written ("3.7", "2024.5.15", "2.9.0.post0") and orders releases and post
// releases as pip does; pre- and dev releases ("1.0rc1") sort after their release there.
struct FormatInfo {
  Format format;
  std::string_view name;
  std::array<std::string_view, 2> file_names;
  Reader read;
  semver::Scheme scheme = semver::Scheme::semver;
};

constexpr std::array<FormatInfo, 9> k_formats = {{
    {Format::npm, "npm", {"package-lock.json", "npm-shrinkwrap.json"}, read_npm_lock},
    {Format::cargo, "cargo", {"Cargo.lock", ""}, read_cargo_lock},
    {Format::uv, "uv", {"uv.lock", ""}, read_uv_lock},
    {Format::pnpm, "pnpm", {"pnpm-lock.yaml", ""}, read_pnpm_lock},
    {Format::yarn, "yarn", {"yarn.lock", ""}, read_yarn_lock},
    {Format::cyclonedx, "cyclonedx", {"bom.json", ".cdx.json"}, read_cyclonedx},
    {Format::spdx, "spdx", {".spdx.json", ""}, read_spdx},
    {Format::dsc, "dsc", {".dsc", ""}, read_dsc},
    {Format::requirements,
     "requirements",
     {"requirements.txt", "requirements.lock"},
     read_requirements,
     semver::Scheme::debian},
}};

const FormatInfo& info(Format format) {
  for (const FormatInfo& f : k_formats) {
    if (f.format == format) return f;
  }
  return k_formats[0];
}

// A pin that passed the set model's checks.
struct Checked {
  const Pin* pin;
  semver::Version version;
  crypto::Checksum checksum;
};

// A pin's dependencies as node-semver ranges, one per name: a name listed twice (uv, for two sets
// of environment markers) accepts either range. Names the import does not hold are left out and
// reported in `dropped`. Errors: a range the set rules refuse, naming the dependency.
Result<std::vector<std::pair<std::string, semver::Range>>> dependency_ranges(
    const Pin& pin, const std::set<std::string>& names, semver::Scheme scheme,
    std::vector<Skipped>& dropped) {
  std::map<std::string, std::vector<std::string>> ranges;
  for (const auto& [name, text] : pin.dependencies) {
    auto& list = ranges[name];
    if (std::find(list.begin(), list.end(), text) == list.end()) list.push_back(text);
  }
  std::vector<std::pair<std::string, semver::Range>> out;
  for (const auto& [name, list] : ranges) {
    std::string text;
    for (const std::string& one : list)
      text += (text.empty() ? "" : " || ") + one;
    if (!names.count(name)) {
      dropped.push_back({pin.line, pin.entry,
                         "dependency " + quote(name) + " " + quote(text) +
                             " dropped: the import has no " + quote(name)});
      continue;
    }
    auto range = semver::Range::parse(text, scheme);
    if (!range) {
      return fail(range.error().code, "dependency " + quote(name) + ": " + range.error().message,
                  Location{}, range.error().hint);
    }
    out.emplace_back(name, std::move(*range));
  }
  return out;
}

// The set model's verdict on one pin; the error names the file, line and entry.
Result<Checked> check_pin(const Pin& pin, const std::string& source, semver::Scheme scheme) {
  auto refuse = [&](const Error& why, std::string hint = {}) {
    return tl::unexpected(refusal(source, pin.line, pin.entry, why.message,
                                  hint.empty() ? why.hint : std::move(hint)));
  };
  if (Status ok = model::check_package_name(pin.name); !ok) return refuse(ok.error());
  auto version = semver::Version::parse(pin.version, scheme);
  if (!version) return refuse(version.error());
  if (pin.checksum.empty() && !pin.accepted.empty()) {
    return refuse(
        Error(codes::missing_checksum,
              "the file allows " + std::to_string(pin.accepted.size()) +
                  " archives (any of its hashes), and a set pins one: which one is at " +
                  quote(pin.url, 200) + " is not known without downloading it"),
        "pass --fetch to download it and keep it when its hash is one of the listed ones (or "
        "set the URL pattern with --pypi-url)");
  }
  if (pin.checksum.empty()) {
    return refuse(
        Error(codes::missing_checksum, "the file records no sha256 or sha512 checksum for " +
                                           quote(pin.name + " " + pin.version)),
        "a set pins every artifact by checksum: regenerate the lock file with a current "
        "version of its tool, or pass --fetch to download the artifact and record its "
        "sha256");
  }
  auto checksum = crypto::Checksum::parse(pin.checksum);
  if (!checksum) return refuse(checksum.error());
  if (pin.url.empty()) {
    return refuse(Error(codes::missing_url, "the file records no download URL for " +
                                                quote(pin.name + " " + pin.version)));
  }
  if (Status ok = model::check_url(pin.url); !ok) return refuse(ok.error());
  return Checked{&pin, std::move(*version), *checksum};
}

}  // namespace

std::string_view format_name(Format format) {
  return info(format).name;
}

Result<Format> parse_format(std::string_view name) {
  std::string names;
  for (const FormatInfo& f : k_formats) {
    if (f.name == name) return f.format;
    names += (names.empty() ? "" : ", ") + std::string(f.name);
  }
  return fail(codes::invalid_argument, "unknown import format " + quote(name), Location{},
              "use one of " + names);
}

std::optional<Format> detect_format(std::string_view file_name) {
  std::size_t slash = file_name.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  for (const FormatInfo& f : k_formats) {
    for (std::string_view known : f.file_names) {
      if (known.empty()) continue;
      // A name starting with "." is a suffix ("x.cdx.json"); any other the whole name.
      const bool match = known.front() == '.' ? base.size() > known.size() &&
                                                    base.substr(base.size() - known.size()) == known
                                              : base == known;
      if (match) return f.format;
    }
  }
  return std::nullopt;
}

std::string expand_url(std::string_view pattern, std::string_view name, std::string_view version) {
  std::string_view basename = name;
  if (!name.empty() && name.front() == '@' && name.find('/') != std::string_view::npos) {
    basename = name.substr(name.find('/') + 1);
  }
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    auto put = [&](std::string_view key, std::string_view value) {
      if (pattern.substr(i, key.size()) != key) return false;
      out += value;
      i += key.size();
      return true;
    };
    if (put("{name}", name) || put("{basename}", basename) || put("{version}", version)) continue;
    out += pattern[i++];
  }
  return out;
}

std::string pick_integrity(std::string_view integrity) {
  std::string sha256;
  std::size_t start = 0;
  while (start < integrity.size()) {
    std::size_t end = integrity.find(' ', start);
    if (end == std::string_view::npos) end = integrity.size();
    std::string_view one = integrity.substr(start, end - start);
    if (one.substr(0, 7) == "sha512-") return std::string(one);
    if (one.substr(0, 7) == "sha256-" && sha256.empty()) sha256 = one;
    start = end + 1;
  }
  return sha256;
}

Error refusal(const std::string& source, int line, const std::string& entry, std::string why,
              std::string hint) {
  return Error(codes::import_refused, "entry " + quote(entry) + ": " + why,
               Location{source, line, 0, ""}, std::move(hint));
}

Result<ImportResult> import_pins(std::string_view text, const std::string& source, Format format,
                                 const ImportOptions& options) {
  Parsed parsed;
  TRY_ASSIGN(parsed, info(format).read(text, source, options));
  const semver::Scheme scheme = info(format).scheme;
  ImportResult result;
  result.skipped = std::move(parsed.skipped);
  std::vector<Error> refused = std::move(parsed.refused);

  // Check every pin; merge repeats of one (name, version) with the same checksum (npm and yarn
  // list a package once per place or range that uses it).
  std::map<std::pair<std::string, std::string>, Checked> good;
  for (Pin& pin : parsed.pins) {
    if (pin.checksum.empty() && !pin.url.empty() && options.fill) {
      auto filled = options.fill(pin);
      if (!filled) {
        refused.push_back(refusal(source, pin.line, pin.entry,
                                  "no checksum, and fetching it failed: " + filled.error().message,
                                  filled.error().hint));
        continue;
      }
      // A requirements file lists every archive pip accepts: the fetched one must be among them.
      if (!pin.accepted.empty() && std::find(pin.accepted.begin(), pin.accepted.end(),
                                             filled->checksum) == pin.accepted.end()) {
        refused.push_back(refusal(
            source, pin.line, pin.entry,
            "the archive at " + quote(pin.url, 200) + " has the checksum " + filled->checksum +
                ", which is none of the " + std::to_string(pin.accepted.size()) +
                " hashes the file allows",
            "check the URL pattern (--pypi-url): it must name the sdist the file was made with"));
        continue;
      }
      pin.checksum = filled->checksum;
      pin.size = filled->size;
    }
    auto checked = check_pin(pin, source, scheme);
    if (!checked) {
      refused.push_back(std::move(checked.error()));
      continue;
    }
    auto key = std::pair(pin.name, checked->version.str());
    // try_emplace leaves *checked alone when the key is there already.
    auto [it, inserted] = good.try_emplace(key, std::move(*checked));
    if (!inserted && !(it->second.checksum == checked->checksum)) {
      refused.push_back(refusal(source, pin.line, pin.entry,
                                "a second entry for " + quote(pin.name + " " + pin.version) +
                                    " has another checksum than the one at line " +
                                    std::to_string(it->second.pin->line),
                                "the lock file is inconsistent; regenerate it"));
    }
  }
  std::set<std::string> names;
  for (const auto& [key, checked] : good)
    names.insert(key.first);
  model::PackageSet& set = result.set;
  set.name = options.set_name;
  set.serial = 1;
  set.versioning = scheme;
  for (auto& [key, checked] : good) {
    const Pin& pin = *checked.pin;
    std::vector<Skipped> dropped;
    auto ranges = dependency_ranges(pin, names, scheme, dropped);
    if (!ranges) {
      refused.push_back(
          refusal(source, pin.line, pin.entry, ranges.error().message, ranges.error().hint));
      continue;
    }
    result.skipped.insert(result.skipped.end(), dropped.begin(), dropped.end());
    model::Entry entry;
    entry.version = checked.version;
    entry.checksum = checked.checksum;
    entry.url = pin.url;
    entry.license = pin.license;
    entry.size = pin.size;
    entry.strip_components = pin.strip_components;
    if (options.vetted) entry.edit_extra().vetted.push_back(*options.vetted);
    if (model::check_timestamp(pin.published_at))
      entry.edit_extra().published_at = pin.published_at;
    if (!pin.publisher.empty()) entry.edit_extra().publisher = pin.publisher;
    for (auto& [name, range] : *ranges) {
      model::DependencyRef ref;
      ref.name = set.intern_name(name);
      ref.range = set.intern_range(std::move(range));
      entry.dependencies.push_back(ref);
    }
    set.package(set.intern_name(pin.name)).entries.push_back(std::move(entry));
    ++result.entries;
  }
  set.finish();
  if (!refused.empty() && !options.partial) {
    ErrorList list;
    for (Error& e : refused)
      list.add(std::move(e));
    list.sort_by_position();
    Error combined = std::move(list).combine(
        codes::import_refused, "entries of " + source + " cannot be imported", Location{source});
    if (combined.hint.empty()) {
      combined.hint = "fix them in the lock file, or pass --partial to import the rest";
    }
    return fail(std::move(combined));
  }
  if (result.entries == 0) {
    return fail(codes::import_empty, source + " has no entry that can be imported",
                Location{source},
                "check that it is a " + std::string(format_name(format)) + " lock file");
  }

  std::stable_sort(refused.begin(), refused.end(),
                   [](const Error& a, const Error& b) { return a.where.line < b.where.line; });
  result.refused = std::move(refused);
  std::stable_sort(result.skipped.begin(), result.skipped.end(),
                   [](const Skipped& a, const Skipped& b) { return a.line < b.line; });
  return result;
}

std::string platform_skip_reason(bool optional, const std::string& platform) {
  if (optional) return "optional" + (platform.empty() ? std::string() : " (" + platform + ")");
  return platform.empty() ? "" : "only for " + platform;
}

std::string any_of_exactly(const std::vector<std::string>& versions) {
  std::string range;
  for (const std::string& v : versions)
    range += (range.empty() ? "=" : " || =") + v;
  return range;
}

void add_locked_dependency(Pin& pin, std::string name, std::string_view version,
                           const LockedVersions& locked) {
  std::string range;
  if (!version.empty()) {
    range = "=" + std::string(version);
  } else if (auto it = locked.find(name); it != locked.end()) {
    range = any_of_exactly(it->second);
  }
  pin.dependencies.emplace_back(std::move(name), std::move(range));
}

Result<doc::Node> load_mapping(std::string_view text, const std::string& source,
                               doc::Format format) {
  doc::Node root;
  TRY_ASSIGN(root, doc::load(text, source, format));
  if (!root.is_mapping()) {
    return fail(doc::Reader(source).wrong_type(
        root, "", format == doc::Format::json ? "a JSON object" : "a mapping"));
  }
  return root;
}

Result<doc::Node> load_lockfile(std::string_view text, const std::string& source,
                                doc::Format doc_format, const LockfileFormat& format) {
  doc::Node root;
  TRY_ASSIGN(root, load_mapping(text, source, doc_format));
  const doc::Node* version = root.find("lockfileVersion");
  if (version != nullptr && version->is_scalar() && format.accepted(version->scalar)) return root;
  std::string found = version == nullptr ? "none" : quote(version->scalar);
  return fail(codes::unsupported_format,
              std::string(format.tool) + " lockfile version " + found +
                  " is not supported; versions " + std::string(format.known) + " are",
              doc::Reader(source).at(version != nullptr ? *version : root, "lockfileVersion"),
              std::string(format.hint));
}

const std::string* scalar_at(const doc::Node* node, std::string_view key) {
  const doc::Node* field = node != nullptr ? node->find(key) : nullptr;
  return field != nullptr && field->is_scalar() ? &field->scalar : nullptr;
}

}  // namespace pinset::importer
