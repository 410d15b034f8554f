#pragma once
// The pure rules of extraction (see extractor.hpp for the policy): member paths, symlink targets
// and permission bits. No I/O. Errors carry a code and a message naming the member; the caller
// adds the archive's name and a hint.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/archive/extractor.hpp"
#include "core/util/error.hpp"

namespace pinset::archive {

// Longest single path part Linux accepts (NAME_MAX).
inline constexpr std::size_t k_max_name_bytes = 255;

// A member path after the rules: no empty, "." or ".." parts, strip_components applied.
struct MemberPath {
  std::vector<std::string> parts;  // empty for the package root itself ("./")
  std::string joined;              // parts joined with '/'

  bool is_root() const { return parts.empty(); }
};

// Applies the path rules to `raw`, the path as stored in the archive. Returns std::nullopt when
// strip_components removes the whole path. Errors: "unsafe-archive" (absolute, ".."),
// "archive-path-too-long" (longer than limits.max_path_bytes, or a part past k_max_name_bytes),
// "archive-too-deep" (more than limits.max_depth parts before stripping). Messages start with
// `subject`, by default `member "<raw>"`.
Result<std::optional<MemberPath>> normalize_member_path(std::string_view raw,
                                                        std::uint32_t strip_components,
                                                        const Limits& limits,
                                                        std::string subject = {});

// Checks a symlink target against the rule: relative, leading ".." parts only, climbing no higher
// than the package root from the link's folder. Errors name the link by `link_name` (as stored).
Status check_symlink_target(std::string_view target, const MemberPath& link,
                            std::string_view link_name, const Limits& limits);

// Permission bits written for a member with archive mode `mode`.
inline std::uint32_t file_mode(std::uint32_t mode) {
  return (mode & 0755u) | 0600u;
}
inline std::uint32_t directory_mode(std::uint32_t mode) {
  return (mode & 0755u) | 0700u;
}

}  // namespace pinset::archive
