// Package names: the rules for one name, and the pairs of names one set may not hold together.
#include <algorithm>
#include <unordered_map>

#include "core/doc/node.hpp"
#include "core/model/detail/set_rules.hpp"
#include "core/model/package_set.hpp"
#include "core/util/strings.hpp"

namespace pinset::model {

Status check_package_name(std::string_view name) {
  auto bad = [&](std::string why) {
    return fail(codes::invalid_name, "invalid package name " + quote(name) + ": " + std::move(why),
                {},
                "package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
                "segments, each starting with a letter or digit (the first may start with '@'), "
                "and at most 214 characters");
  };
  if (name.empty()) return bad("it is empty");
  if (name.size() > k_max_name_bytes) return bad("it is longer than 214 characters");
  if (name == "." || name == "..") return bad("it is a path component");
  for (char c : name) {
    if (c == '\\') return bad("it contains a backslash");
  }
  std::size_t segments = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = name.find('/', start);
    std::string_view segment =
        name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (++segments > k_max_name_segments) return bad("it has more than 16 segments");
    if (start == 0 && !segment.empty() && segment.front() == '@' && end != std::string_view::npos) {
      segment.remove_prefix(1);  // an npm scope: "@babel/core"
    }
    if (segment.empty()) {
      return bad(start == 0 && end == 0          ? "it starts with '/'"
                 : end == std::string_view::npos ? "it ends with '/'"
                                                 : "it has an empty segment");
    }
    if (segment == "." || segment == "..") {
      return bad("it contains the path component " + quote(segment));
    }
    char first = segment.front();
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
          (first >= '0' && first <= '9'))) {
      return bad(segments == 1 && end == std::string_view::npos
                     ? "it must start with a letter or digit"
                     : "segment " + quote(segment) + " must start with a letter or digit");
    }
    for (std::size_t i = 0; i < segment.size(); ++i) {
      char c = segment[i];
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
      if (ok) continue;
      // A whole UTF-8 character, named by its code point (quote escapes it as \uXXXX).
      std::size_t len = 1;
      while (static_cast<unsigned char>(c) >= 0xc0 && i + len < segment.size() && len < 4 &&
             (static_cast<unsigned char>(segment[i + len]) & 0xc0) == 0x80) {
        ++len;
      }
      return bad("it contains the character " + quote(segment.substr(i, len)));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {};
}

std::string name_folding(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status check_set_names(const PackageSet& set) {
  struct Member {
    std::string folded;
    std::string_view name;
    int line;
  };
  std::vector<Member> members;
  members.reserve(set.packages().size());
  bool any_upper_or_nested = false;
  for (const Package& p : set.packages()) {
    std::string_view name = set.name_of(p.name);
    std::string folded = name_folding(name);
    any_upper_or_nested =
        any_upper_or_nested || folded != name || name.find('/') != std::string_view::npos;
    members.push_back({std::move(folded), name, p.entries.empty() ? 0 : p.entries.front().line});
  }
  if (!any_upper_or_nested) return {};  // the common case: no two names can meet
  detail::ErrorSink errors;
  auto report = [&](const Member& later, std::string message) {
    const detail::FieldPath top;
    const detail::FieldPath packages{&top, "packages"};
    Error e(codes::name_collision, std::move(message), {},
            "rename or remove one of the two packages: each package gets its own folder, and "
            "folders that differ only by case are one folder on a case-insensitive filesystem");
    e.where = Location{set.source, later.line, 0, detail::FieldPath{&packages, later.name}.str()};
    errors.add(std::move(e));
  };
  std::unordered_map<std::string_view, const Member*> by_folding;
  by_folding.reserve(members.size());
  for (const Member& m : members) {
    auto [it, added] = by_folding.emplace(m.folded, &m);
    if (added) continue;
    const Member* earlier = it->second->line <= m.line ? it->second : &m;
    const Member* later = earlier == &m ? it->second : &m;
    report(*later, "package " + quote(later->name) + " differs from " + quote(earlier->name) +
                       " (line " + std::to_string(earlier->line) + ") only by case");
  }
  for (const Member& m : members) {
    for (std::size_t slash = m.folded.find('/'); slash != std::string::npos;
         slash = m.folded.find('/', slash + 1)) {
      auto it = by_folding.find(std::string_view(m.folded).substr(0, slash));
      if (it == by_folding.end()) continue;
      report(m, "package " + quote(m.name) + " would be installed inside the folder of package " +
                    quote(it->second->name) + " (line " + std::to_string(it->second->line) + ")");
    }
  }
  if (errors.empty()) return {};
  return fail(std::move(errors).finish(set.source));
}

}  // namespace pinset::model
