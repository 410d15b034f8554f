#pragma once
// The package set: a curated list of (name, version, checksum, url, dependencies) entries.
// Names and dependency ranges are interned so that a set of 100,000 packages stays compact.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/doc/loader.hpp"
#include "core/model/ecosystem.hpp"
#include "core/semver/range.hpp"
#include "core/semver/version.hpp"
#include "core/util/error.hpp"

namespace pinset::model {

using crypto::Checksum;
using crypto::DigestAlgo;

using NameId = std::uint32_t;
using RangeId = std::uint32_t;
inline constexpr NameId k_no_name = UINT32_MAX;

struct Vetting {
  std::string by;        // who vouched for the artifact
  std::string on;        // date, YYYY-MM-DD
  std::string criteria;  // e.g. "safe-to-deploy"
  std::string ticket;    // review or ticket reference
  bool operator==(const Vetting&) const = default;
};

// The fields few entries have, kept apart (an entry without them holds one null pointer instead
// of 120 bytes: a set of 300,000 entries is 34 MB smaller).
struct EntryExtra {
  // Reviews of the artifact (`vetted`: one mapping, or a list of them), in document order.
  std::vector<Vetting> vetted;
  // When the artifact was published upstream (`published-at`, RFC 3339, as written; empty when
  // not known), for the policy's `min-age` cooldown.
  std::string published_at;
  // Who published it upstream (`publisher`: the account or author the source names; empty when
  // not known): a review by the publisher is a self-review.
  std::string publisher;
  // Which input set the entry came from, when the set was made by `pinset set merge` or flattened
  // from layers; empty otherwise.
  std::string from;
  bool operator==(const EntryExtra&) const = default;
};
inline const EntryExtra k_no_entry_extra{};

struct DependencyRef {
  NameId name = k_no_name;
  RangeId range = 0;
};

struct Entry {
  semver::Version version;
  Checksum checksum;
  std::string url;  // as written in the set: absolute, or relative to the set's own location
  std::vector<DependencyRef> dependencies;  // in name order
  std::string license;                      // SPDX expression; empty when not given
  std::optional<std::uint64_t> size;        // bytes
  int line = 0;                             // line of the entry in the set document; 0 when unknown
  // Leading path components the installer drops when unpacking (1 for archives with a top folder).
  std::uint32_t strip_components = 0;
  // The entry's own ecosystem (`ecosystem`), or unset: the set's.
  Ecosystem ecosystem = Ecosystem::unset;

  // The rare fields (EntryExtra): read with these, changed through edit_extra().
  const EntryExtra& extra() const { return m_extra ? *m_extra : k_no_entry_extra; }
  const std::vector<Vetting>& vetted() const { return extra().vetted; }
  const std::string& published_at() const { return extra().published_at; }
  const std::string& publisher() const { return extra().publisher; }
  const std::string& from() const { return extra().from; }
  // The entry's own EntryExtra to change (made when there is none; copies of an entry share one
  // until either changes it).
  EntryExtra& edit_extra() {
    if (!m_extra) {
      m_extra = std::make_shared<EntryExtra>();
    } else if (m_extra.use_count() > 1) {
      m_extra = std::make_shared<EntryExtra>(*m_extra);
    }
    return *m_extra;
  }
  // Null: none of the rare fields. Use the functions above.
  std::shared_ptr<EntryExtra> m_extra;
};

struct Package {
  NameId name = k_no_name;
  std::vector<Entry> entries;  // in document order; (name, version) pairs are unique
};

// A set a layered set builds on (`extends`): where it is and the digest of its exact bytes.
struct SetBase {
  std::string url;  // as written: absolute, or relative to the extending set's own location
  Checksum digest;  // of the base document's bytes; anything else is refused
  int line = 0;     // line in the set document; 0 when unknown
  bool operator==(const SetBase& o) const { return url == o.url && digest == o.digest; }
};

// One item of `removes`: a whole package ("name"), or one version of it ("name@version").
struct Removal {
  std::string name;
  std::optional<semver::Version> version;  // nullopt: every version
  int line = 0;
  // "name" or "name@version".
  std::string str() const { return version ? name + "@" + version->str() : name; }
};

// Package names (package-sets/README.md, "Names"): one to k_max_name_segments segments separated
// by '/' (npm's "@babel/core", Go's "example.com/org/mod"), each [A-Za-z0-9][A-Za-z0-9._-]*, the
// first optionally prefixed by '@' when more follow; at most k_max_name_bytes in all. A name is
// installed as nested folders (pinset_packages/@babel/core/), which these rules keep inside the
// install folder: no empty, "." or ".." segment, no backslash. Names are case-sensitive, and two
// names of one set may not differ only by case (see name_folding). Errors: code "invalid-name",
// naming the value and the rule it breaks.
inline constexpr std::size_t k_max_name_bytes = 214;
inline constexpr std::size_t k_max_name_segments = 16;
Status check_package_name(std::string_view name);

// The name with ASCII letters lowercased: two names of one set with the same folding would share
// a folder on a case-insensitive filesystem, so a set that has both is refused.
std::string name_folding(std::string_view name);

class PackageSet;
// The pairs of member names one set may not hold: two that differ only by case, and one whose
// folder would be inside another's ("a" and "a/b"). Errors: code "name-collision" (one cause per
// pair, at the later package's first entry; "invalid-set" when there are several).
Status check_set_names(const PackageSet& set);

class PackageSet {
 public:
  int format = 1;
  std::string name;
  std::uint64_t serial = 0;
  std::optional<std::string> expires;    // RFC 3339 timestamp, as written
  std::optional<std::string> published;  // RFC 3339 timestamp, as written: when it was signed off
  std::string source;                    // path or URL it was loaded from (messages, relative URLs)
  Ecosystem ecosystem = Ecosystem::unset;  // `ecosystem`: of every entry that names none
  // `versioning`: the scheme of every version and range in the set (semver::Scheme).
  semver::Scheme versioning = semver::Scheme::semver;
  // The ecosystem of one of its entries: its own, else the set's.
  Ecosystem ecosystem_of(const Entry& e) const {
    return e.ecosystem != Ecosystem::unset ? e.ecosystem : ecosystem;
  }
  // Layers (package-sets/README.md, "Layered sets"): the sets this one builds on, in order; the
  // packages whose entries it replaces (ascending name order, names interned in this set); and
  // the packages or versions of the bases it drops. A set with any of them is flattened
  // (core/curate/layers.hpp) before use.
  std::vector<SetBase> extends;
  std::vector<Package> overrides;
  std::vector<Removal> removes;
  bool layered() const { return !extends.empty() || !overrides.empty() || !removes.empty(); }

  // Packages in ascending name order.
  const std::vector<Package>& packages() const { return m_packages; }
  const Package* find(std::string_view text) const;
  const Package* find(NameId id) const;
  // Every name the set mentions (members and dependency targets) has an id.
  std::string_view name_of(NameId id) const { return m_names[id]; }
  std::optional<NameId> id_of(std::string_view text) const;
  std::size_t name_count() const { return m_names.size(); }

  const semver::Range& range(RangeId id) const { return m_ranges[id]; }
  std::size_t range_count() const { return m_ranges.size(); }

  // The absolute URL of an entry's artifact: entry.url if absolute, else resolved against `source`.
  std::string artifact_url(const Entry& entry) const;

  // Building (used by the parsers and by tests).
  NameId intern_name(std::string_view text);
  RangeId intern_range(semver::Range range);  // ranges with identical text share an id
  // Adds or extends a package; call finish() once all are added (sorts and indexes).
  Package& package(NameId id);
  void finish();
  // Room for `names` names and `packages` packages, for a builder that knows the counts.
  void reserve(std::size_t names, std::size_t packages);

 private:
  std::vector<std::string> m_names;
  std::unordered_map<std::string, NameId> m_name_ids;
  std::vector<semver::Range> m_ranges;
  std::unordered_map<std::string, RangeId> m_range_ids;
  std::vector<Package> m_packages;
  std::vector<std::int32_t> m_package_of_name;  // NameId -> index in m_packages, or -1
};

// Gives `to` what identifies `from` as a document: its format, name, serial, published, expires
// and source. Not its ecosystem, versioning, layers or packages: each caller decides on those.
void copy_identity(const PackageSet& from, PackageSet& to);
// A copy of `entry` (of `from`) whose dependency ids are `to`'s, interning what `to` lacks.
Entry copy_entry(const PackageSet& from, const Entry& entry, PackageSet& to);

// Resolves `reference` (absolute URL, absolute path, or relative reference) against `base` (a URL
// or a filesystem path) as RFC 3986 does; ".." never climbs above the root.
std::string resolve_url(std::string_view base, std::string_view reference);

// Parses a package set document (YAML or JSON, same schema; see package-sets/README.md). `source`
// names it in errors and anchors relative artifact URLs. Every problem found is reported in one
// Error (with causes), each naming the file, line, column and field. Large JSON sets take a fast
// path.
Result<PackageSet> parse_package_set(std::string_view text, const std::string& source,
                                     doc::Format format);

// Sets larger than this are refused before parsing.
inline constexpr std::size_t k_max_set_bytes = std::size_t{256} << 20;
// Spare readable bytes after the text that let the JSON path parse in place (simdjson's padding).
inline constexpr std::size_t k_json_padding = 64;

struct SetParseOptions {
  // A document longer than this (and than 4 GiB - 1 in any case) is refused ("too-large") before
  // any parsing.
  std::size_t max_bytes = k_max_set_bytes;
  // How many bytes are readable from text.data() (the caller's buffer capacity), or 0 if unknown.
  // When it is at least text.size() + k_json_padding, a JSON set is parsed in place; otherwise the
  // text is copied once into a padded buffer. The bytes past text.size() are never interpreted.
  std::size_t capacity = 0;
  // Threads for a JSON set: 0 decides (a set of 16 MiB or more is split between two threads on a
  // machine with two cores, and read on one if the second falls behind), 1 reads on the calling
  // thread only, 2 always splits when the text allows it (for tests). The result is the same in
  // every case.
  unsigned threads = 0;
};

// As above, with explicit options.
Result<PackageSet> parse_package_set(std::string_view text, const std::string& source,
                                     doc::Format format, const SetParseOptions& options);

}  // namespace pinset::model
