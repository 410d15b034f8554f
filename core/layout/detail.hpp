#pragma once
// Internal to core/layout: one planner per layout, and the checks every planned tree passes.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/layout/layout.hpp"

namespace pinset::layout::detail {

// Each fills tree.package_paths, files and links; plan() adds the folders and checks the result.
Status plan_packages(const Input& input, Tree& tree);
Status plan_node_modules(const Input& input, Tree& tree);
Status plan_cargo_vendor(const Input& input, Tree& tree);
Status plan_cmake(const Input& input, Tree& tree);

// Finds the packages that dependency strings name: "name" when the input has one version of it,
// else "name@version".
class PackageIndex {
 public:
  static constexpr std::size_t k_project = std::size_t(-1);
  explicit PackageIndex(const Input& input);
  // The index of the package `dependency` names, for `from` (the depending package's index, or
  // k_project for the manifest's own dependencies).
  // Errors: "ambiguous-dependency" when several versions match, "unknown-dependency".
  Result<std::size_t> find(const std::string& dependency, std::size_t from) const;
  // How many versions of `name` the input has.
  std::size_t versions_of(const std::string& name) const;

 private:
  const Input& m_input;
  std::map<std::string, std::vector<std::size_t>> m_by_name;
};

std::string label(const PackageInput& p);

// `text` in double quotes, with a backslash before each backslash, quote and character of
// `special`: TOML basic strings need "", CMake quoted arguments "$;".
std::string quoted(std::string_view text, std::string_view special);

}  // namespace pinset::layout::detail
