// The `packages` layout (<install folder>/<name>/) and the `cmake` layout, which adds
// pinset-packages.cmake: FETCHCONTENT_SOURCE_DIR_<NAME> and PINSET_<NAME>_DIR for each package,
// so an unchanged project using FetchContent_Declare(<name> ...) configures from the vetted trees
// without downloading anything:
//   cmake -C pinset_packages/pinset-packages.cmake -S . -B build
//   cmake -DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=pinset_packages/pinset-packages.cmake -S . -B build
#include <cctype>

#include "core/layout/detail.hpp"

namespace pinset::layout::detail {

namespace {

// FetchContent uppercases the declared name as it is (string(TOUPPER)).
std::string upper(std::string_view name) {
  std::string out;
  for (char c : name)
    out += char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// PINSET_<NAME>_DIR: letters, digits and '_' only, so it is usable as ${PINSET_<NAME>_DIR}.
std::string identifier(std::string_view name) {
  std::string out;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? char(std::toupper(u)) : '_';
  }
  return out;
}

// A CMake quoted argument: backslash, quote and `$` escaped (names never hold them; versions
// might).
std::string cmake_quoted(std::string_view text) {
  return detail::quoted(text, "$;");
}

}  // namespace

Status plan_packages(const Input& input, Tree& tree) {
  PackageIndex index(input);
  for (const auto& p : input.packages) {
    // The packages layout puts a name installed in several versions at its lock key,
    // <name>@<version>/, one folder per version; CMake's FetchContent names one folder per name.
    if (index.versions_of(p.name) > 1 && tree.kind == Kind::packages) {
      tree.package_paths.push_back(p.name + "@" + p.version);
      continue;
    }
    if (index.versions_of(p.name) > 1) {
      return fail(
          codes::layout_one_version,
          "the " + std::string(descriptor(tree.kind).name) +
              " layout has one folder per "
              "name, and the install has " +
              std::to_string(index.versions_of(p.name)) + " versions of " + p.name,
          {},
          "use the packages, node_modules or cargo-vendor layout, or keep one version per name");
    }
    tree.package_paths.push_back(p.name);
  }
  return {};
}

Status plan_cmake(const Input& input, Tree& tree) {
  TRY(plan_packages(input, tree));
  std::string text =
      "# Written by pinset: the vetted source trees of this install, for CMake's FetchContent.\n"
      "# A FetchContent_Declare(<name> ...) whose name matches a package below uses its folder\n"
      "# and downloads nothing. Use it with either of:\n"
      "#   cmake -C <this file> -S . -B build\n"
      "#   cmake -DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=<this file> -S . -B build\n";
  for (const auto& p : input.packages) {
    std::string dir = "${CMAKE_CURRENT_LIST_DIR}/" + p.name;
    std::string doc = cmake_quoted("pinset: " + p.name + " " + p.version);
    text += "set(FETCHCONTENT_SOURCE_DIR_" + upper(p.name) + " \"" + dir + "\" CACHE PATH " + doc +
            " FORCE)\n";
    text +=
        "set(PINSET_" + identifier(p.name) + "_DIR \"" + dir + "\" CACHE PATH " + doc + " FORCE)\n";
    text += "set(PINSET_" + identifier(p.name) + "_VERSION " + cmake_quoted(p.version) +
            " CACHE STRING " + doc + " FORCE)\n";
  }
  tree.files.push_back(File{"pinset-packages.cmake", std::move(text), false});
  return {};
}

}  // namespace pinset::layout::detail
