#pragma once
// Install layouts: where the packages of an install go inside the install folder, and what else a
// consumer (Node.js, Cargo, CMake) needs there. Planning is pure: plan_layout() turns the locked
// packages into a LayoutTree value (package folders, folders, symbolic links, generated files).
// apply_layout() writes that value through the fs seam. Install calls both while it builds the
// staging tree, so the atomic swap and the install-state marker hold for every layout.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/fs/file_system.hpp"
#include "core/util/error.hpp"

namespace pinset::layout {

enum class Kind { packages, node_modules, cargo_vendor, cmake };

// One row per layout: the name users write (manifest `layout:`, `--layout`), the install folder
// it uses when the manifest names none, and one line for help texts.
struct Descriptor {
  Kind kind;
  std::string_view name;
  std::string_view default_dir;
  std::string_view summary;
};

const std::vector<Descriptor>& descriptors();
const Descriptor& descriptor(Kind kind);
// Error "unknown-layout" naming the value and listing the layouts (no location: callers add it).
Result<Kind> parse_kind(std::string_view name);

// A file of a package, as its receipt records it.
struct PackageFile {
  std::string path;  // relative to the package's root, '/'-separated
  std::string sha256;
  bool executable = false;
};

struct PackageInput {
  std::string name;  // a package name; '/'-separated segments for scoped names (`@scope/name`)
  std::string version;
  crypto::Checksum checksum;  // of the artifact (cargo-vendor needs a sha256: the .crate's)
  // Its own dependencies: names, or `name@version` where the lock names several versions.
  std::vector<std::string> dependencies;
  std::vector<PackageFile> files;       // regular files only
  std::optional<std::string> manifest;  // node_modules: the text of its package.json, if any
  std::string manifest_source;          // where `manifest` was read from, for messages
};

struct Input {
  std::vector<PackageInput> packages;
  std::vector<std::string> direct;  // the manifest's dependencies (names), for top-level links
  std::string root_from_project;    // the install folder as the project sees it, e.g. "vendor"
};

struct Link {
  std::string path;    // relative to the install folder
  std::string target;  // relative to the link's folder; resolves inside the install folder
  bool operator==(const Link&) const = default;
};

struct File {
  std::string path;  // relative to the install folder
  std::string content;
  bool executable = false;
  bool operator==(const File&) const = default;
};

struct Tree {
  Kind kind = Kind::packages;
  std::vector<std::string> package_paths;  // one per input package, in input order
  std::vector<std::string> directories;    // created first, parents before children
  std::vector<File> files;                 // written after the packages are linked
  std::vector<Link> links;                 // written last
  std::vector<std::string> notes;          // for the user after the install (e.g. a config snippet)
};

// Plans the tree. Every path is relative, normalized and unique, no path lies under a link or
// another package, and every link resolves (lexically) inside the install folder. Errors name the
// package and what is wrong: "layout-conflict", "unsafe-layout-path", "layout-needs-sha256",
// "not-a-crate", "ambiguous-dependency", "layout-one-version".
Result<Tree> plan(Kind kind, const Input& input);

// Writes `tree` under `root` (an existing folder holding nothing the tree names): its folders,
// then the packages through `link_packages(destinations)` (absolute, one per package in input
// order; it creates each, e.g. in parallel), then files, then links. Errors are those of the fs
// seam and of `link_packages`.
using LinkPackages = std::function<Status(const std::vector<std::string>& destinations)>;
Status apply(const Tree& tree, fs::FileSystem& fs, const std::string& root,
             const LinkPackages& link_packages);

// The install-folder-relative path of `target` as seen from folder `from_dir` (both relative to
// the install folder, normalized): "../../b/node_modules/b". Pure string work.
std::string relative_target(std::string_view from_dir, std::string_view target);

}  // namespace pinset::layout
