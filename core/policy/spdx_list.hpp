#pragma once
// The SPDX license list and exceptions list (a vendored table, core/policy/spdx_table.cpp, made by
// scripts/gen-spdx-table), and what to do with ids that are not on them. Pure.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinset::policy {

// "spdx-license-ids 3.0.12, spdx-exceptions 2.3.0": the list versions the table was made from.
std::string_view spdx_list_versions();

// The id as the SPDX list spells it ("mit" -> "MIT"), or nullopt when the list does not hold it.
// Deprecated ids ("GPL-2.0") are found by deprecated_replacement, not here.
std::optional<std::string_view> spdx_license(std::string_view id);
std::optional<std::string_view> spdx_exception(std::string_view id);

// A license term that replaces a deprecated SPDX id.
struct SpdxReplacement {
  std::string_view id;
  std::string_view exception;  // empty, or the exception the deprecated id folded in
};

// The current form of a deprecated id, case-insensitively: "AGPL-3.0" -> AGPL-3.0-only,
// "GPL-2.0-with-classpath-exception" -> GPL-2.0-only WITH Classpath-exception-2.0. With
// `or_later` ("GPL-2.0+"), the GNU family maps to its -or-later id (GPL-2.0-or-later) and
// `or_later_absorbed` is set. nullopt when `id` is not a deprecated id.
struct SpdxMapping {
  SpdxReplacement to;
  bool or_later_absorbed = false;
};
std::optional<SpdxMapping> deprecated_replacement(std::string_view id, bool or_later);

// True for LicenseRef-... and DocumentRef-...:LicenseRef-... (case-insensitively).
bool is_license_ref(std::string_view id);

// The known id nearest to an unknown one, or empty when nothing is near: common respellings first
// ("GPLv2" -> GPL-2.0-only, "GPL-2+" -> GPL-2.0-or-later), then the closest id with the same first
// letter within a quarter of its length in edits ("Apache-2" -> Apache-2.0), then a known id the
// unknown one extends ("Zlib-ish" -> Zlib).
std::string nearest_spdx_license(std::string_view id);
std::string nearest_spdx_exception(std::string_view id);

namespace detail {
extern const std::string_view k_spdx_versions;
extern const std::string_view k_spdx_license_ids[];
extern const std::size_t k_spdx_license_count;
extern const std::string_view k_spdx_deprecated_ids[];
extern const std::size_t k_spdx_deprecated_count;
extern const std::string_view k_spdx_exception_ids[];
extern const std::size_t k_spdx_exception_count;
}  // namespace detail

}  // namespace pinset::policy
