#pragma once
// What changed between two revisions of a package set (`pinset set diff`), and its renderings:
// text for a terminal, Markdown for a code review, JSON for tools.

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/package_set.hpp"

namespace pinset::curate {

// How a package changed, each with its one-character mark:
//   added `+`, removed `-`, upgraded `^` (its highest version rose), downgraded `v` (fell),
//   changed `~` (same highest version; versions came or went lower down, or fields of a version
//   changed), critical `!` (a version kept its number but got another checksum: a republished or
//   tampered artifact; this outranks every other kind).
enum class Change { added, removed, upgraded, downgraded, changed, critical };
char change_mark(Change change);
const char* change_name(Change change);

struct FieldChange {
  std::string field;   // set: name, serial, published, expires, extends, overrides, removes;
                       // entry: version, checksum, url, dependencies, license, size,
                       // strip-components, ecosystem, vetted, published-at, publisher (`from`,
                       // which only records provenance, is not compared; `url` compares the
                       // resolved artifact URLs)
  std::string before;  // as text; "none" when absent
  std::string after;
};

// One version present in both sets whose entry differs.
struct VersionChange {
  std::string version;
  bool critical = false;  // the checksum changed
  std::vector<FieldChange> fields;
};

struct PackageDiff {
  std::string name;
  Change change = Change::changed;
  std::vector<std::string> before;   // every version in the old set, ascending
  std::vector<std::string> after;    // every version in the new set, ascending
  std::vector<std::string> added;    // versions only in the new set
  std::vector<std::string> removed;  // versions only in the old set
  std::vector<VersionChange> changed;
};

struct SetDiff {
  std::string old_name, new_name;
  std::uint64_t old_serial = 0, new_serial = 0;
  std::vector<FieldChange> set;       // changes of the set's own fields
  std::vector<PackageDiff> packages;  // by name; only packages that changed
  bool empty() const { return set.empty() && packages.empty(); }
  std::size_t count(Change change) const;
};

// Compares two sets. Versions are matched by SemVer precedence (build metadata does not make a
// version new: a changed +build shows as a change of the field "version").
SetDiff diff_sets(const model::PackageSet& before, const model::PackageSet& after);

// Text, one line per package ("<mark> <name> <versions>[ -> <versions>]") with indented details,
// then a summary; "no differences" when empty.
std::string render_text(const SetDiff& diff);
// Markdown for a review: a caution block listing critical changes, a table of packages, the set's
// own changes, and a summary.
std::string render_markdown(const SetDiff& diff);
// JSON, stable for tools (documented in package-sets/README.md, "pinset set diff").
std::string render_json(const SetDiff& diff);

}  // namespace pinset::curate
