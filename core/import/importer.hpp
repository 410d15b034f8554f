#pragma once
// `pinset set import`: turns a pin file a team already has (a lock file of another tool) into a
// package set, deterministically and without any download. Pure: takes the file's text, returns
// the set (written by core/curate/set_writer.hpp) and what was left out.
//
// Formats, one reader each (the table in importer.cpp):
//   npm      package-lock.json / npm-shrinkwrap.json, lockfile v2 and v3: every `node_modules/...`
//            entry (every version of a name), `resolved` + `integrity` (the strongest of sha512 and
//            sha256), `license`, `dependencies`. Optional entries and entries with `os`/`cpu` are
//            skipped and reported, as are links and workspace folders and bundled entries.
//   cargo    Cargo.lock (versions 1 to 4): registry packages with their sha256 `checksum`; the
//            archive's URL comes from a pattern (`crate_url`, by default crates.io's download
//            pattern), since Cargo.lock records none. Path and workspace members are skipped; git
//            sources are refused (a set pins archives by checksum).
//   uv       uv.lock: registry packages; the sdist (url, hash, size), else a pure-Python
//            (`none-any`) wheel. Editable, virtual, directory and path members are skipped.
//   pnpm     pnpm-lock.yaml, lockfile 6 and 9: `packages` (resolution integrity, tarball when
//            given, else the npm tarball pattern) and the dependencies of `snapshots`; optional and
//            os/cpu entries skipped.
//   yarn     yarn.lock v1: `version`, `resolved`, `integrity`, `dependencies`.
//   cyclonedx, spdx  CycloneDX 1.5 / SPDX 2.3 JSON SBOMs: each component or package with its
//            strongest sha256/sha512 hash, its download location and license, and the dependency
//            edges between them (exact versions). An SBOM does not say how deep an archive's top
//            folder is: strip_components applies to every entry.
//   dsc      Debian source control files: the upstream tarball of `Checksums-Sha256` as
//            `<Source> <upstream version>`; a .dsc names files, not URLs: `dsc_url` makes them.
//   requirements  pip requirements files with --hash lines (pip-compile --generate-hashes, uv
//            pip compile): `name==version`, the sdist's URL from `pypi_url`, the hash when there
//            is one, else (several: wheels and the sdist) the one `--fetch` finds among them;
//            `# via` comments become dependency edges. The set's versioning is "debian" (every
//            PEP 440 version as written; pre-releases sort after their release).
// Dependencies are written as node-semver ranges: npm's and yarn's as the file has them, and an
// exact `=version` where the lock names the version it chose (Cargo, uv, pnpm).
//
// Every entry is judged by the set model's own rules (model::check_package_name,
// semver::Version, crypto::Checksum, semver::Range): what they refuse is refused here, naming the
// file, line and entry; nothing is silently changed. Several versions of one name are all
// imported (a set holds many versions; installing two at once is the resolver's business).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/doc/loader.hpp"
#include "core/import/pin.hpp"
#include "core/model/package_set.hpp"

namespace pinset::importer {

enum class Format { npm, cargo, uv, pnpm, yarn, cyclonedx, spdx, dsc, requirements };

// "npm", "cargo", "uv", "pnpm", "yarn", "cyclonedx", "spdx", "dsc".
std::string_view format_name(Format format);
// Errors "invalid-argument" naming the value and the accepted names.
Result<Format> parse_format(std::string_view name);
// From the file name (package-lock.json, npm-shrinkwrap.json, Cargo.lock, uv.lock,
// pnpm-lock.yaml, yarn.lock, bom.json or *.cdx.json, *.spdx.json, *.dsc); nullopt when the name
// says nothing.
std::optional<Format> detect_format(std::string_view file_name);

inline constexpr std::string_view k_default_crate_url =
    "https://static.crates.io/crates/{name}/{name}-{version}.crate";
inline constexpr std::string_view k_default_pypi_url =
    "https://files.pythonhosted.org/packages/source/{initial}/{name}/{name}-{version}.tar.gz";
inline constexpr std::string_view k_default_npm_tarball_url =
    "https://registry.npmjs.org/{name}/-/{basename}-{version}.tgz";

struct ImportOptions {
  std::string set_name = "imported";  // the set's `name`
  // Archive URL patterns, for lock files that record none: {name}, {version}, and {basename}
  // (the name without an npm scope) are replaced.
  std::string crate_url = std::string(k_default_crate_url);
  bool crate_url_given = false;  // a registry other than crates.io needs its own pattern
  std::string npm_tarball_url = std::string(k_default_npm_tarball_url);
  // .dsc: the URL of each file, {file} being its name (and {name}, {version}); by default the
  // name alone, a URL relative to the set (write the set beside the .dsc and its files).
  std::string dsc_url = "{file}";
  // requirements files: the archive of each pin, {name} (PEP 503 normalized), {version} and
  // {initial} (the name's first letter) replaced: by default PyPI's sdist location.
  std::string pypi_url = std::string(k_default_pypi_url);
  std::optional<model::Vetting> vetted;  // recorded on every entry when given
  // SBOMs: the strip-components of every entry (default 0); other formats know theirs.
  std::optional<std::uint32_t> strip_components;
  // Write the entries that import and report the refused ones, instead of failing. Dependencies
  // on refused packages are dropped (and reported).
  bool partial = false;
  // `--fetch`: called for each entry that has a URL but no sha256/sha512 checksum; returns the
  // artifact's checksum ("sha256:<hex>") and size, or an error (the entry is then refused with
  // it). Unset: such entries are refused. The only way an import reaches the network.
  struct Filled {
    std::string checksum;
    std::uint64_t size = 0;
  };
  std::function<Result<Filled>(const Pin&)> fill;
};

struct ImportResult {
  model::PackageSet set;
  std::size_t entries = 0;       // entries in the set
  std::vector<Skipped> skipped;  // left out by design, and dependencies dropped (partial)
  std::vector<Error> refused;    // only with partial: entries that could not be imported
};

// Reads `text` (the file `source`) in `format`. Errors: "parse" (the file is not what the format
// says, with line and column), "import-refused" (entries that cannot be imported, all of them as
// causes of one error; not with options.partial), "import-empty" (nothing importable).
Result<ImportResult> import_pins(std::string_view text, const std::string& source, Format format,
                                 const ImportOptions& options);

// Readers, one per format (each in its own file); exposed for tests.
Result<Parsed> read_npm_lock(std::string_view text, const std::string& source,
                             const ImportOptions& options);
Result<Parsed> read_cargo_lock(std::string_view text, const std::string& source,
                               const ImportOptions& options);
Result<Parsed> read_uv_lock(std::string_view text, const std::string& source,
                            const ImportOptions& options);
Result<Parsed> read_pnpm_lock(std::string_view text, const std::string& source,
                              const ImportOptions& options);
Result<Parsed> read_yarn_lock(std::string_view text, const std::string& source,
                              const ImportOptions& options);
Result<Parsed> read_cyclonedx(std::string_view text, const std::string& source,
                              const ImportOptions& options);
Result<Parsed> read_spdx(std::string_view text, const std::string& source,
                         const ImportOptions& options);
Result<Parsed> read_dsc(std::string_view text, const std::string& source,
                        const ImportOptions& options);
Result<Parsed> read_requirements(std::string_view text, const std::string& source,
                                 const ImportOptions& options);

// Why an entry that only some installs need is left out, or "" when it is needed everywhere:
// "optional", "optional (<platform>)" or "only for <platform>" (npm and pnpm's os/cpu fields).
std::string platform_skip_reason(bool optional, const std::string& platform);
// The range a lock's dependency means when it names no version: exactly one of the `versions`
// the lock holds of that name ("=1.0.0 || =2.0.0").
std::string any_of_exactly(const std::vector<std::string>& versions);
// The versions a lock holds of each name (Cargo.lock, uv.lock).
using LockedVersions = std::map<std::string, std::vector<std::string>>;
// Adds `pin`'s dependency on `name` at the range the lock means: exactly `version` ("=1.2.3")
// when the lock names one, else any_of_exactly(the versions of `name` in `locked`).
void add_locked_dependency(Pin& pin, std::string name, std::string_view version,
                           const LockedVersions& locked);

// The document `text` (JSON or YAML, by `format`), refused unless its root is a mapping
// (code "wrong-type": "expected a JSON object", in YAML "expected a mapping").
Result<doc::Node> load_mapping(std::string_view text, const std::string& source,
                               doc::Format format);
// A lock file format that names its version in `lockfileVersion` (npm, pnpm).
struct LockfileFormat {
  std::string_view tool;                       // "npm"
  std::string_view known;                      // the versions it reads, for messages: "2 and 3"
  bool (*accepted)(std::string_view version);  // whether it reads this one
  std::string_view hint;                       // how to get a lock file it reads
};
// load_mapping, then refused unless `format` reads the root's `lockfileVersion`: code
// "unsupported-format", "<tool> lockfile version "<v>" is not supported; versions <known> are"
// ("none" when absent), at the version (the root when absent).
Result<doc::Node> load_lockfile(std::string_view text, const std::string& source,
                                doc::Format doc_format, const LockfileFormat& format);
// The text of node[key] when it is a scalar; null when it is not, or when `node` is null.
const std::string* scalar_at(const doc::Node* node, std::string_view key);

// `pattern` with {name}, {basename} and {version} replaced.
std::string expand_url(std::string_view pattern, std::string_view name, std::string_view version);
// The checksum to pin from an SRI `integrity` value (several space-separated hashes allowed): the
// sha512 one, else the sha256 one; empty when neither is there (sha1 alone).
std::string pick_integrity(std::string_view integrity);

}  // namespace pinset::importer
