#include "core/layout/layout.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/layout/detail.hpp"
#include "core/util/strings.hpp"

namespace pinset::layout {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string parent_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

Error unsafe(const std::string& what, const std::string& path, const std::string& why) {
  return Error(codes::unsafe_layout_path,
               "the layout would write " + what + " " + quote(path) + ", which " + why, {},
               "this is a bug in the package's metadata or in pinset; report it with the lock");
}

Status check_path(const std::string& what, const std::string& path) {
  if (path.empty() || path.front() == '/') return fail(unsafe(what, path, "is not relative"));
  for (std::string_view s : segments(path)) {
    if (s.empty() || s == "." || s == "..") {
      return fail(unsafe(what, path, "is not a plain path inside the install folder"));
    }
    if (s.find('\0') != std::string_view::npos) return fail(unsafe(what, path, "holds a NUL"));
  }
  return {};
}

// Where `target`, followed from the folder of the link at `link`, leads inside the install
// folder; nullopt when it leaves it or is not of the form "../../a/b" (ups first, then names:
// what relative_target writes), so that no ".." is ever taken after a folder that could be a link.
std::optional<std::string> resolve_link(const std::string& link, const std::string& target) {
  if (target.empty() || target.front() == '/') return std::nullopt;
  std::string dir = parent_of(link);
  std::vector<std::string_view> stack;
  if (!dir.empty()) stack = segments(dir);
  bool down = false;
  for (std::string_view s : segments(target)) {
    if (s.empty() || s == ".") return std::nullopt;
    if (s == "..") {
      if (down || stack.empty()) return std::nullopt;
      stack.pop_back();
    } else {
      down = true;
      stack.push_back(s);
    }
  }
  if (stack.empty()) return std::nullopt;
  std::string out;
  for (std::string_view s : stack)
    out += (out.empty() ? "" : "/") + std::string(s);
  return out;
}

// Linear in the size of the tree (times the depth of its paths): each entry's ancestors are
// looked up in the sets of links and package folders.
Status check_tree(const Input& input, Tree& tree) {
  std::set<std::string> taken;
  auto claim = [&](const std::string& what, const std::string& path) -> Status {
    TRY(check_path(what, path));
    if (!taken.insert(path).second) {
      return fail(codes::layout_conflict, "the layout would write " + quote(path) + " twice", {},
                  "two packages (or a package and a link) claim the same place; rename one in "
                  "the set or use another layout");
    }
    return {};
  };
  std::map<std::string, std::size_t> packages;  // folder -> input index
  std::set<std::string> links;
  for (std::size_t i = 0; i < tree.package_paths.size(); ++i) {
    TRY(claim("the package folder", tree.package_paths[i]));
    packages.emplace(tree.package_paths[i], i);
  }
  for (const auto& f : tree.files)
    TRY(claim("the file", f.path));
  std::vector<std::string> resolved;
  for (const auto& l : tree.links) {
    TRY(claim("the link", l.path));
    auto to = resolve_link(l.path, l.target);
    if (!to) {
      return fail(
          unsafe("the link", l.path + " -> " + l.target, "points outside the install folder"));
    }
    resolved.push_back(std::move(*to));
    links.insert(l.path);
  }
  // A link's way never passes through another link (which could lead elsewhere).
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    for (std::string d = parent_of(resolved[i]); !d.empty(); d = parent_of(d)) {
      if (links.count(d)) {
        return fail(unsafe("the link", tree.links[i].path + " -> " + tree.links[i].target,
                           "passes through the link " + d));
      }
    }
  }
  // Nothing may be written through a link, nor inside a package's folder except the layout's own
  // files (e.g. .cargo-checksum.json) that the package does not have itself. Folders: every
  // ancestor of what is written, except those a package's link_tree creates.
  std::set<std::string> dirs;
  std::set<std::string> own_files;
  for (const auto& f : tree.files)
    own_files.insert(f.path);
  for (const auto& p : taken) {
    bool inside_package = false;
    for (std::string d = parent_of(p); !d.empty(); d = parent_of(d)) {
      if (links.count(d)) return fail(unsafe("the entry", p, "lies under the link " + d));
      auto pkg = packages.find(d);
      if (pkg == packages.end()) continue;
      if (!own_files.count(p)) {
        return fail(
            unsafe(packages.count(p) ? "the package folder" : "the link", p, "lies inside " + d));
      }
      std::string rel = p.substr(d.size() + 1);
      for (const auto& own : input.packages[pkg->second].files) {
        if (own.path == rel) {
          return fail(codes::layout_conflict,
                      detail::label(input.packages[pkg->second]) + " already has a file " +
                          quote(rel) + ", which the " + std::string(descriptor(tree.kind).name) +
                          " layout writes itself",
                      {}, "this package cannot be installed with this layout");
        }
      }
      inside_package = true;
    }
    if (inside_package) continue;
    for (std::string d = parent_of(p); !d.empty(); d = parent_of(d)) {
      if (!dirs.insert(d).second) break;  // its ancestors are in already
    }
  }
  for (const auto& d : dirs) {
    if (taken.count(d)) {
      return fail(codes::layout_conflict,
                  "the layout needs " + quote(d) + " as a folder and also writes it as an entry",
                  {}, "two packages' names overlap (e.g. `a` and `a/b`); install them apart");
    }
  }
  tree.directories.assign(dirs.begin(), dirs.end());  // sorted: parents first
  return {};
}

}  // namespace

const std::vector<Descriptor>& descriptors() {
  static const std::vector<Descriptor> table = {
      {Kind::packages, "packages", "pinset_packages",
       "one folder per package: <install folder>/<name>/ (the default)"},
      {Kind::node_modules, "node_modules", "node_modules",
       "an isolated node_modules tree Node.js resolves (like pnpm's); no install scripts run"},
      {Kind::cargo_vendor, "cargo-vendor", "vendor",
       "a vendor/ folder `cargo build --offline` uses through a [source] replacement"},
      {Kind::cmake, "cmake", "pinset_packages",
       "package folders plus pinset-packages.cmake setting FETCHCONTENT_SOURCE_DIR_<NAME>"},
  };
  return table;
}

const Descriptor& descriptor(Kind kind) {
  for (const auto& d : descriptors()) {
    if (d.kind == kind) return d;
  }
  return descriptors().front();
}

Result<Kind> parse_kind(std::string_view name) {
  std::string names;
  for (const auto& d : descriptors()) {
    if (d.name == name) return d.kind;
    names += (names.empty() ? "" : ", ") + std::string(d.name);
  }
  return fail(codes::unknown_layout, "unknown layout " + quote(name), {}, "use one of " + names);
}

std::string relative_target(std::string_view from_dir, std::string_view target) {
  std::vector<std::string_view> from =
      from_dir.empty() ? std::vector<std::string_view>() : segments(from_dir);
  std::vector<std::string_view> to = segments(target);
  std::size_t common = 0;
  while (common < from.size() && common + 1 < to.size() && from[common] == to[common])
    ++common;
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i)
    out += "../";
  for (std::size_t i = common; i < to.size(); ++i) {
    out += to[i];
    if (i + 1 < to.size()) out += '/';
  }
  return out;
}

Result<Tree> plan(Kind kind, const Input& input) {
  Tree tree;
  tree.kind = kind;
  switch (kind) {
    case Kind::packages:
      TRY(detail::plan_packages(input, tree));
      break;
    case Kind::node_modules:
      TRY(detail::plan_node_modules(input, tree));
      break;
    case Kind::cargo_vendor:
      TRY(detail::plan_cargo_vendor(input, tree));
      break;
    case Kind::cmake:
      TRY(detail::plan_cmake(input, tree));
      break;
  }
  TRY(check_tree(input, tree));
  return tree;
}

Status apply(const Tree& tree, fs::FileSystem& fs, const std::string& root,
             const LinkPackages& link_packages) {
  for (const auto& d : tree.directories)
    TRY(fs.make_directory(root + "/" + d));
  std::vector<std::string> destinations;
  for (const auto& p : tree.package_paths)
    destinations.push_back(root + "/" + p);
  TRY(link_packages(destinations));
  for (const auto& f : tree.files)
    TRY(fs.create_file(root + "/" + f.path, f.content, f.executable));
  for (const auto& l : tree.links)
    TRY(fs.make_symlink(l.target, root + "/" + l.path));
  return {};
}

namespace detail {

std::string quoted(std::string_view text, std::string_view special) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"' || special.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string label(const PackageInput& p) {
  return p.name + " " + p.version;
}

PackageIndex::PackageIndex(const Input& input) : m_input(input) {
  for (std::size_t i = 0; i < input.packages.size(); ++i) {
    m_by_name[input.packages[i].name].push_back(i);
  }
}

std::size_t PackageIndex::versions_of(const std::string& name) const {
  auto it = m_by_name.find(name);
  return it == m_by_name.end() ? 0 : it->second.size();
}

Result<std::size_t> PackageIndex::find(const std::string& dependency, std::size_t from) const {
  // "name@version": the '@' after the first character (a scope's '@' comes first).
  std::string name = dependency;
  std::string version;
  if (std::size_t at = dependency.find('@', 1); at != std::string::npos) {
    name = dependency.substr(0, at);
    version = dependency.substr(at + 1);
  }
  auto it = m_by_name.find(name);
  std::string who =
      from < m_input.packages.size() ? label(m_input.packages[from]) : std::string("the project");
  if (it == m_by_name.end()) {
    return fail(codes::unknown_dependency,
                who + " depends on " + quote(dependency) + ", which the install does not have", {},
                "run `pinset resolve` again to regenerate the lock");
  }
  std::vector<std::size_t> matches;
  for (std::size_t i : it->second) {
    if (version.empty() || m_input.packages[i].version == version) matches.push_back(i);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return fail(codes::unknown_dependency,
                who + " depends on " + quote(dependency) + ", which the install does not have", {},
                "run `pinset resolve` again to regenerate the lock");
  }
  return fail(codes::ambiguous_dependency,
              who + " depends on " + quote(name) + ", which the install has in " +
                  std::to_string(matches.size()) + " versions, and the lock does not say which",
              {}, "run `pinset resolve` again to regenerate the lock");
}

}  // namespace detail

}  // namespace pinset::layout
