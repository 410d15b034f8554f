#pragma once
// The range each dependency edge of a resolved graph was asked for: the manifest's range for the
// project's own dependencies, the set entry's (or overlay entry's) range for a package's.

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "core/report/component.hpp"

namespace pinset::report {

class EdgeRanges {
 public:
  explicit EdgeRanges(const ReportInput& input);
  // The range `from` asks of `to` as written ("" for `from` means the project), or "" when the
  // documents do not say (the locked package's entry was not found). Both are lock keys
  // (model::Lock::key_of: a name, or "name@version" for a name locked in several versions).
  std::string_view range(std::string_view from, std::string_view to) const;

 private:
  std::map<std::pair<std::string, std::string>, std::string, std::less<>> m_ranges;
};

}  // namespace pinset::report
