#include "core/archive/policy.hpp"

#include <algorithm>
#include <utility>

namespace pinset::archive {

namespace {

// Splits on '/', dropping empty and "." parts (".." is kept for the caller to judge).
std::vector<std::string_view> split_parts(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    if (!part.empty() && part != ".") parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

}  // namespace

Result<std::optional<MemberPath>> normalize_member_path(std::string_view raw,
                                                        std::uint32_t strip_components,
                                                        const Limits& limits, std::string subject) {
  if (subject.empty()) subject = "member " + quote(raw);
  if (raw.size() > limits.max_path_bytes) {
    return fail(codes::archive_path_too_long,
                subject + " has a path of " + std::to_string(raw.size()) +
                    " bytes, over the limit of " + std::to_string(limits.max_path_bytes));
  }
  if (raw.empty()) return fail(codes::unsafe_archive, subject + " has an empty path");
  if (raw.front() == '/') return fail(codes::unsafe_archive, subject + " has an absolute path");
  std::vector<std::string_view> parts = split_parts(raw);
  for (std::string_view part : parts) {
    if (part == "..") {
      return fail(codes::unsafe_archive, subject + " has a \"..\" path component");
    }
    if (part.size() > k_max_name_bytes) {
      return fail(codes::archive_path_too_long,
                  subject + " has a name part of " + std::to_string(part.size()) +
                      " bytes, over the limit of " + std::to_string(k_max_name_bytes));
    }
  }
  if (parts.size() > static_cast<std::size_t>(std::max(limits.max_depth, 0))) {
    return fail(codes::archive_too_deep, subject + " is " + std::to_string(parts.size()) +
                                             " levels deep, over the limit of " +
                                             std::to_string(limits.max_depth));
  }
  if (strip_components > 0) {
    if (parts.size() <= strip_components) return std::optional<MemberPath>();
    parts.erase(parts.begin(), parts.begin() + strip_components);
  }
  MemberPath path;
  path.parts.reserve(parts.size());
  for (std::string_view part : parts) {
    if (!path.joined.empty()) path.joined += '/';
    path.joined += part;
    path.parts.emplace_back(part);
  }
  return std::optional<MemberPath>(std::move(path));
}

Status check_symlink_target(std::string_view target, const MemberPath& link,
                            std::string_view link_name, const Limits& limits) {
  std::string subject = "symbolic link " + quote(link_name);
  if (target.size() > limits.max_path_bytes) {
    return fail(codes::archive_path_too_long,
                subject + " has a target of " + std::to_string(target.size()) +
                    " bytes, over the limit of " + std::to_string(limits.max_path_bytes));
  }
  if (target.empty()) return fail(codes::unsafe_archive, subject + " has an empty target");
  if (target.front() == '/') {
    return fail(codes::unsafe_archive, subject + " points to the absolute path " + quote(target));
  }
  std::size_t climbs = 0;
  bool seen_name = false;
  for (std::string_view part : split_parts(target)) {
    if (part != "..") {
      seen_name = true;
    } else if (seen_name) {
      // "a/.." is only "." if "a" is a folder; if "a" is (or becomes) a link it is not.
      return fail(codes::unsafe_archive, subject + " has a \"..\" after a name in its target " +
                                             quote(target) +
                                             "; only leading \"..\" parts are allowed");
    } else {
      ++climbs;
    }
  }
  // The link's folder is link.parts.size() - 1 levels below the package root.
  std::size_t depth = link.parts.empty() ? 0 : link.parts.size() - 1;
  if (climbs > depth) {
    return fail(codes::unsafe_archive, subject + " points outside the package: " + quote(target));
  }
  return {};
}

}  // namespace pinset::archive
