// Lookups in the vendored SPDX table, deprecated-id replacements and "did you mean" suggestions.
#include "core/policy/spdx_list.hpp"

#include <algorithm>
#include <cctype>
#include <span>

#include "core/util/strings.hpp"

namespace pinset::policy {

namespace {

char lower_char(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = lower_char(c);
  return out;
}

// Case-insensitive order, the order scripts/gen-spdx-table sorts by.
bool iless(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower_char(x) < lower_char(y); });
}

std::optional<std::string_view> find_in(std::span<const std::string_view> list,
                                        std::string_view id) {
  auto it = std::lower_bound(list.begin(), list.end(), id, iless);
  if (it != list.end() && !iless(id, *it)) return *it;
  return std::nullopt;
}

std::span<const std::string_view> licenses() {
  return {detail::k_spdx_license_ids, detail::k_spdx_license_count};
}
std::span<const std::string_view> exceptions() {
  return {detail::k_spdx_exception_ids, detail::k_spdx_exception_count};
}
std::span<const std::string_view> deprecated() {
  return {detail::k_spdx_deprecated_ids, detail::k_spdx_deprecated_count};
}

// Deprecated ids whose replacement is not "<id>-only" (the SPDX list's notes on each).
struct Special {
  std::string_view from;
  SpdxReplacement to;
};
constexpr Special k_special[] = {
    {"BSD-2-Clause-FreeBSD", {"BSD-2-Clause-Views", ""}},
    {"BSD-2-Clause-NetBSD", {"BSD-2-Clause", ""}},
    {"bzip2-1.0.5", {"bzip2-1.0.6", ""}},
    {"eCos-2.0", {"GPL-2.0-or-later", "eCos-exception-2.0"}},
    {"GPL-2.0-with-autoconf-exception", {"GPL-2.0-only", "Autoconf-exception-2.0"}},
    {"GPL-2.0-with-bison-exception", {"GPL-2.0-only", "Bison-exception-2.2"}},
    {"GPL-2.0-with-classpath-exception", {"GPL-2.0-only", "Classpath-exception-2.0"}},
    {"GPL-2.0-with-font-exception", {"GPL-2.0-only", "Font-exception-2.0"}},
    {"GPL-2.0-with-GCC-exception", {"GPL-2.0-only", "GCC-exception-2.0"}},
    {"GPL-3.0-with-autoconf-exception", {"GPL-3.0-only", "Autoconf-exception-3.0"}},
    {"GPL-3.0-with-GCC-exception", {"GPL-3.0-only", "GCC-exception-3.1"}},
    {"Nunit", {"zlib-acknowledgement", ""}},
    {"StandardML-NJ", {"SMLNJ", ""}},
    {"wxWindows", {"GPL-2.0-or-later", "WxWindows-exception-3.1"}},
};

// "gplv2" / "gpl 2" / "GPL2" -> "gpl-2.0"; other text unchanged (lower-cased).
std::string respell(std::string_view id) {
  std::string s = lower(id);
  std::size_t i = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) != 0)
    ++i;
  if (i == 0 || i == s.size()) return s;
  std::string name = s.substr(0, i);
  std::size_t j = i;
  if (name.size() > 1 && name.back() == 'v' && std::isdigit(static_cast<unsigned char>(s[j]))) {
    name.pop_back();  // "gplv" + "2"
  } else if (s[j] == ' ' || s[j] == '-' || s[j] == '_') {
    ++j;
  }
  std::size_t k = j;
  while (k < s.size() && (std::isdigit(static_cast<unsigned char>(s[k])) != 0 || s[k] == '.'))
    ++k;
  if (k == j) return s;
  std::string version = s.substr(j, k - j);
  if (version.find('.') == std::string::npos) version += ".0";
  return name + "-" + version + s.substr(k);
}

std::string nearest_in(std::span<const std::string_view> list, std::string_view id,
                       bool gnu_suffixes) {
  if (id.empty() || id.size() > 100) return "";
  bool plus = id.back() == '+';
  std::string_view bare = plus ? id.substr(0, id.size() - 1) : id;
  std::string spelled = respell(bare);
  std::vector<std::string> candidates{spelled};
  if (gnu_suffixes) candidates.push_back(spelled + (plus ? "-or-later" : "-only"));
  for (const auto& c : candidates) {
    if (auto hit = find_in(list, c)) return std::string(*hit);
    if (gnu_suffixes) {
      if (auto m = deprecated_replacement(c, plus); m && m->to.exception.empty()) {
        return std::string(m->to.id);
      }
    }
  }
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(1, bare.size() / 4) + 1;
  std::string low = lower(bare);
  for (std::string_view known : list) {
    if (low.empty() || lower_char(known.front()) != low.front()) continue;  // "LGPL" is not NGPL
    std::size_t d = edit_distance(low, lower(known));
    if (d < best_distance) best_distance = d, best = known;
  }
  if (!best.empty()) return best;
  // A known id followed by a made-up suffix: "Zlib-ish" -> "Zlib".
  for (std::size_t dash = bare.rfind('-'); dash != std::string_view::npos && dash > 0;
       dash = bare.rfind('-', dash - 1)) {
    if (auto hit = find_in(list, bare.substr(0, dash))) return std::string(*hit);
  }
  return "";
}

}  // namespace

std::string_view spdx_list_versions() {
  return detail::k_spdx_versions;
}

std::optional<std::string_view> spdx_license(std::string_view id) {
  return find_in(licenses(), id);
}

std::optional<std::string_view> spdx_exception(std::string_view id) {
  return find_in(exceptions(), id);
}

std::optional<SpdxMapping> deprecated_replacement(std::string_view id, bool or_later) {
  auto hit = find_in(deprecated(), id);
  if (!hit) return std::nullopt;
  for (const auto& s : k_special) {
    if (s.from == *hit) return SpdxMapping{s.to, false};
  }
  // The GNU family (GPL, LGPL, AGPL, GFDL): "X" meant "X-only"; "X+" is "X-or-later".
  std::string current_id = std::string(*hit) + (or_later ? "-or-later" : "-only");
  if (auto current = spdx_license(current_id)) return SpdxMapping{{*current, ""}, or_later};
  return std::nullopt;
}

bool is_license_ref(std::string_view id) {
  std::string low = lower(id.substr(0, std::min<std::size_t>(id.size(), 200)));
  if (low.starts_with("documentref-")) {
    auto colon = low.find(':');
    if (colon == std::string::npos) return false;
    low = low.substr(colon + 1);
  }
  return low.starts_with("licenseref-") && low.size() > 11;
}

std::string nearest_spdx_license(std::string_view id) {
  return nearest_in(licenses(), id, true);
}

std::string nearest_spdx_exception(std::string_view id) {
  return nearest_in(exceptions(), id, false);
}

}  // namespace pinset::policy
