// The PackageSet container: interning, lookup, URL resolution. Parsing is in set_parser*.cpp.
#include <algorithm>
#include <filesystem>

#include "core/model/package_set.hpp"
#include "core/util/strings.hpp"

namespace pinset::model {

std::optional<NameId> PackageSet::id_of(std::string_view text) const {
  auto it = m_name_ids.find(std::string(text));
  if (it == m_name_ids.end()) return std::nullopt;
  return it->second;
}

const Package* PackageSet::find(NameId id) const {
  if (id >= m_package_of_name.size() || m_package_of_name[id] < 0) return nullptr;
  return &m_packages[static_cast<std::size_t>(m_package_of_name[id])];
}

const Package* PackageSet::find(std::string_view text) const {
  auto id = id_of(text);
  return id ? find(*id) : nullptr;
}

NameId PackageSet::intern_name(std::string_view text) {
  auto [it, inserted] = m_name_ids.try_emplace(std::string(text), NameId(m_names.size()));
  if (inserted) {
    m_names.emplace_back(text);
    m_package_of_name.push_back(-1);
  }
  return it->second;
}

RangeId PackageSet::intern_range(semver::Range range) {
  auto [it, inserted] = m_range_ids.try_emplace(range.text(), RangeId(m_ranges.size()));
  if (inserted) m_ranges.push_back(std::move(range));
  return it->second;
}

Package& PackageSet::package(NameId id) {
  if (m_package_of_name[id] < 0) {
    m_package_of_name[id] = static_cast<std::int32_t>(m_packages.size());
    m_packages.push_back(Package{id, {}});
  }
  return m_packages[static_cast<std::size_t>(m_package_of_name[id])];
}

void PackageSet::finish() {
  std::sort(m_packages.begin(), m_packages.end(),
            [&](const Package& a, const Package& b) { return m_names[a.name] < m_names[b.name]; });
  std::fill(m_package_of_name.begin(), m_package_of_name.end(), -1);
  for (std::size_t i = 0; i < m_packages.size(); ++i) {
    m_package_of_name[m_packages[i].name] = static_cast<std::int32_t>(i);
  }
}

namespace {

bool has_scheme(std::string_view url) {
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = url[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

// RFC 3986 section 5.2.4: removes "." and ".." segments; ".." never climbs above the root.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> out;
  auto parts = split(path, '/');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    bool last = i + 1 == parts.size();
    if (p == ".") {
      if (last) out.emplace_back("");
      continue;
    }
    if (p == "..") {
      if (out.size() > 1) out.pop_back();
      if (last) out.emplace_back("");
      continue;
    }
    out.push_back(p);
  }
  std::string result;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i) result += '/';
    result += out[i];
  }
  return result;
}

}  // namespace

std::string resolve_url(std::string_view base, std::string_view reference) {
  if (has_scheme(reference)) return std::string(reference);
  std::size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) {
    // A filesystem path as base: the reference is a path beside it. Relative bases stay relative
    // (leading ".." kept), so a lock made from a relative set path stays portable.
    std::filesystem::path ref(reference);
    if (ref.is_absolute()) return ref.lexically_normal().string();
    return (std::filesystem::path(base).parent_path() / ref).lexically_normal().string();
  }
  std::size_t authority_end = base.find('/', scheme_end + 3);
  std::string_view origin = base.substr(0, authority_end);  // scheme://authority
  std::string_view base_path =
      authority_end == std::string_view::npos ? "/" : base.substr(authority_end);
  base_path = base_path.substr(0, base_path.find_first_of("?#"));
  std::string merged;
  if (!reference.empty() && reference.front() == '/') {
    merged = std::string(reference);
  } else {
    std::size_t slash = base_path.rfind('/');
    merged = std::string(base_path.substr(0, slash + 1)) + std::string(reference);
  }
  std::size_t query = merged.find_first_of("?#");
  std::string tail = query == std::string::npos ? "" : merged.substr(query);
  if (query != std::string::npos) merged.resize(query);
  return std::string(origin) + remove_dot_segments(merged) + tail;
}

void copy_identity(const PackageSet& from, PackageSet& to) {
  to.format = from.format;
  to.name = from.name;
  to.serial = from.serial;
  to.expires = from.expires;
  to.published = from.published;
  to.source = from.source;
}

Entry copy_entry(const PackageSet& from, const Entry& entry, PackageSet& to) {
  Entry out = entry;
  for (DependencyRef& d : out.dependencies) {
    d.name = to.intern_name(from.name_of(d.name));
    d.range = to.intern_range(from.range(d.range));
  }
  return out;
}

std::string PackageSet::artifact_url(const Entry& entry) const {
  return resolve_url(source, entry.url);
}

}  // namespace pinset::model
