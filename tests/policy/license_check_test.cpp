// The licenses rule's view of real-world license strings: the SPDX lists (vendored table),
// deprecated ids mapped to current ones, unknown ids with the nearest known id suggested.
// The strings come from a real npm lock and from real Debian copyright files
// (tests/data/licenses/*.tsv, sources noted there); every one of them is in the table below.
#include "core/policy/license_check.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "core/policy/spdx_list.hpp"
#include "tests/support/process.hpp"

namespace pinset::policy {
namespace {

struct Case {
  std::string license;    // as written
  std::string canonical;  // what the licenses rule evaluates; "" when it does not parse
  std::string unknown;    // the unknown ids' messages joined by "; ", or the parse error
  bool invalid;
};

// Every value, as its file records it (after the tab), skipping comments.
std::set<std::string> samples(const std::string& file) {
  std::ifstream in(test::data_dir() + "/licenses/" + file);
  EXPECT_TRUE(in) << file;
  std::set<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.insert(line.substr(line.find('\t') + 1));
  }
  return out;
}

const std::vector<Case> k_cases = {
    {"(AFL-2.1 OR BSD-3-Clause)", "AFL-2.1 OR BSD-3-Clause", R"()", false},
    {"(Apache-2.0 OR MPL-1.1)", "Apache-2.0 OR MPL-1.1", R"()", false},
    {"(BSD-2-Clause OR MIT OR Apache-2.0)", "BSD-2-Clause OR MIT OR Apache-2.0", R"()", false},
    {"(BSD-3-Clause OR GPL-2.0)", "BSD-3-Clause OR GPL-2.0-only", R"()", false},
    {"(MIT AND Zlib)", "MIT AND Zlib", R"()", false},
    {"(MIT OR CC0-1.0)", "MIT OR CC0-1.0", R"()", false},
    {"(MIT OR GPL-3.0-or-later)", "MIT OR GPL-3.0-or-later", R"()", false},
    {"(MPL-2.0 OR Apache-2.0)", "MPL-2.0 OR Apache-2.0", R"()", false},
    {"APACHE-2-LLVM-EXCEPTIONS", "APACHE-2-LLVM-EXCEPTIONS",
     R"("APACHE-2-LLVM-EXCEPTIONS" is not an SPDX license id)", false},
    {"Apache-2", "Apache-2", R"("Apache-2" is not an SPDX license id (did you mean "Apache-2.0"?))",
     false},
    {"Apache-2.0 or MIT", "Apache-2.0 OR MIT", R"()", false},
    {"Apache-2.0", "Apache-2.0", R"()", false},
    {"BSD-2-Clause", "BSD-2-Clause", R"()", false},
    {"BSD-2-clause", "BSD-2-Clause", R"()", false},
    {"BSD-3-Clause", "BSD-3-Clause", R"()", false},
    {"BSD-3-clause", "BSD-3-Clause", R"()", false},
    {"BSD-4-clause", "BSD-4-Clause", R"()", false},
    {"BSD-BY-LC-NE", "BSD-BY-LC-NE", R"("BSD-BY-LC-NE" is not an SPDX license id)", false},
    {"BSL-1.0 and Jam", "BSL-1.0 AND Jam", R"()", false},
    {"BSL-1.0 and MIT", "BSL-1.0 AND MIT", R"()", false},
    {"BSL-1.0", "BSL-1.0", R"()", false},
    {"BlueOak-1.0.0", "BlueOak-1.0.0", R"()", false},
    {"CC-BY-3.0", "CC-BY-3.0", R"()", false},
    {"CC-BY-4.0", "CC-BY-4.0", R"()", false},
    {"CC0-1.0", "CC0-1.0", R"()", false},
    {"Expat", "Expat", R"("Expat" is not an SPDX license id)", false},
    {"FSFULLR", "FSFULLR", R"()", false},
    {"FTL", "FTL", R"()", false},
    {"GPL-1+ or Artistic", "GPL-1+ OR Artistic",
     R"("GPL-1" is not an SPDX license id (did you mean "GPL-1.0-or-later"?); "Artistic" is not an SPDX license id)",
     false},
    {"GPL-2", "GPL-2", R"("GPL-2" is not an SPDX license id (did you mean "GPL-2.0-only"?))",
     false},
    {"GPL-2+", "GPL-2+", R"("GPL-2" is not an SPDX license id (did you mean "GPL-2.0-or-later"?))",
     false},
    {"GPL-2.0+", "GPL-2.0-or-later", R"()", false},
    {"GPL-3", "GPL-3", R"("GPL-3" is not an SPDX license id (did you mean "GPL-3.0-only"?))",
     false},
    {"GPL-3+", "GPL-3+", R"("GPL-3" is not an SPDX license id (did you mean "GPL-3.0-or-later"?))",
     false},
    {"GPL-djd", "GPL-djd", R"("GPL-djd" is not an SPDX license id)", false},
    {"GPLv3+", "GPLv3+", R"("GPLv3" is not an SPDX license id (did you mean "GPL-3.0-or-later"?))",
     false},
    {"ISC", "ISC", R"()", false},
    {"LGPL", "LGPL", R"("LGPL" is not an SPDX license id)", false},
    {"LGPL-2+", "LGPL-2+",
     R"("LGPL-2" is not an SPDX license id (did you mean "LGPL-2.0-or-later"?))", false},
    {"LGPL-2.1", "LGPL-2.1-only", R"()", false},
    {R"(LGPL-2.1+ with staticLink exception)", "",
     R"(invalid license expression "LGPL-2.1+ with staticLink exception": expected AND or OR after "staticLink", found "exception" at column 27)",
     true},
    {"LGPL-2.1+", "LGPL-2.1-or-later", R"()", false},
    {"LGPL-3+ or GPL-2+", "LGPL-3+ OR GPL-2+",
     R"("LGPL-3" is not an SPDX license id (did you mean "LGPL-3.0-or-later"?); "GPL-2" is not an SPDX license id (did you mean "GPL-2.0-or-later"?))",
     false},
    {"LGPL-3+", "LGPL-3+",
     R"("LGPL-3" is not an SPDX license id (did you mean "LGPL-3.0-or-later"?))", false},
    {"LGPLv2.1+", "LGPLv2.1+",
     R"("LGPLv2.1" is not an SPDX license id (did you mean "LGPL-2.1-or-later"?))", false},
    {R"(LGPLv3+_or_GPLv2+)", "",
     R"(invalid license expression "LGPLv3+_or_GPLv2+": unexpected "_" at column 8)", true},
    {"MIT OR Apache-2.0", "MIT OR Apache-2.0", R"()", false},
    {"MIT or Apache-2.0", "MIT OR Apache-2.0", R"()", false},
    {"MIT", "MIT", R"()", false},
    {"MIT-0", "MIT-0", R"()", false},
    {"MPL-1.1", "MPL-1.1", R"()", false},
    {"OpenLDAP-2.8", "OpenLDAP-2.8",
     R"("OpenLDAP-2.8" is not an SPDX license id (did you mean "OLDAP-2.8"?))", false},
    {"PSF-2.0", "PSF-2.0", R"()", false},
    {R"(Public Domain)", "",
     R"(invalid license expression "Public Domain": expected AND, OR or WITH after "Public", found "Domain" at column 8)",
     true},
    {"Unlicense", "Unlicense", R"()", false},
    {"X11", "X11", R"()", false},
    {"Zlib", "Zlib", R"()", false},
    {"curl", "curl", R"()", false},
    {"expat", "expat", R"("expat" is not an SPDX license id)", false},
    {"public-domain", "public-domain", R"("public-domain" is not an SPDX license id)", false},
};

TEST(LicenseCheck, RealWorldLicenseStrings) {
  std::set<std::string> covered;
  for (const auto& c : k_cases) {
    covered.insert(c.license);
    auto expr = parse_license_expression(c.license);
    if (c.invalid) {
      ASSERT_FALSE(expr) << c.license;
      EXPECT_EQ(expr.error().message, c.unknown) << c.license;
      continue;
    }
    ASSERT_TRUE(expr) << c.license << ": " << expr.error().message;
    EXPECT_EQ(to_string(canonical_license(*expr)), c.canonical) << c.license;
    std::string unknown;
    for (const auto& u : unknown_licenses(*expr))
      unknown += (unknown.empty() ? "" : "; ") + u.message();
    EXPECT_EQ(unknown, c.unknown) << c.license;
  }
  auto npm = samples("npm-lock-licenses.tsv");
  auto debian = samples("debian-copyright-licenses.tsv");
  EXPECT_EQ(npm.size(), 18u);
  EXPECT_EQ(debian.size(), 45u);
  for (const auto& s : npm)
    EXPECT_EQ(covered.count(s), 1u) << "npm sample not in the table: " << s;
  for (const auto& s : debian)
    EXPECT_EQ(covered.count(s), 1u) << "Debian sample not in the table: " << s;
}

TEST(LicenseCheck, DeprecatedIdsMapToTheirCurrentForms) {
  const std::map<std::string, std::string> cases = {
      {"AGPL-3.0", "AGPL-3.0-only"},
      {"agpl-3.0", "AGPL-3.0-only"},
      {"AGPL-3.0+", "AGPL-3.0-or-later"},
      {"GPL-2.0+", "GPL-2.0-or-later"},
      {"LGPL-2.1", "LGPL-2.1-only"},
      {"GFDL-1.3", "GFDL-1.3-only"},
      {"GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"},
      {"GPL-3.0-with-GCC-exception", "GPL-3.0-only WITH GCC-exception-3.1"},
      {"wxWindows", "GPL-2.0-or-later WITH WxWindows-exception-3.1"},
      {"StandardML-NJ", "SMLNJ"},
      {"BSD-2-Clause-FreeBSD", "BSD-2-Clause-Views"},
      {"mit AND gpl-2.0-only with classpath-exception-2.0",
       "MIT AND GPL-2.0-only WITH Classpath-exception-2.0"},
      {"LicenseRef-acme-1", "LicenseRef-acme-1"},
  };
  for (const auto& [written, current] : cases) {
    auto expr = parse_license_expression(written);
    ASSERT_TRUE(expr) << written;
    EXPECT_EQ(to_string(canonical_license(*expr)), current) << written;
    EXPECT_TRUE(unknown_licenses(*expr).empty()) << written;
  }
}

TEST(LicenseCheck, DeprecatedAgplIsDeniedByTheBaselinesDenyList) {
  LicensePolicy baseline{{}, {"AGPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0"}};
  for (std::string written : {"AGPL-3.0", "AGPL-3.0+", "MIT AND AGPL-3.0"}) {
    auto expr = parse_license_expression(written);
    ASSERT_TRUE(expr);
    EXPECT_FALSE(evaluate(canonical_license(*expr), baseline).allowed) << written;
  }
}

TEST(LicenseCheck, UnknownIdsNameTheNearestKnownOne) {
  auto u = unknown_licenses("AGPLv3 OR Zlib-ish OR GPL-2.0-only WITH Classpath-exception");
  ASSERT_TRUE(u);
  ASSERT_EQ(u->size(), 3u);
  EXPECT_EQ((*u)[0].message(),
            "\"AGPLv3\" is not an SPDX license id (did you mean \"AGPL-3.0-only\"?)");
  EXPECT_EQ((*u)[1].message(), "\"Zlib-ish\" is not an SPDX license id (did you mean \"Zlib\"?)");
  EXPECT_EQ((*u)[2].message(),
            "\"Classpath-exception\" is not an SPDX license exception id (did you mean "
            "\"Classpath-exception-2.0\"?)");
  EXPECT_TRUE((*u)[2].exception);
  EXPECT_EQ(nearest_spdx_license("GPLv2+"), "GPL-2.0-or-later");
  EXPECT_EQ(nearest_spdx_license("qwertyuiop"), "");
}

TEST(LicenseCheck, PolicyEntriesAreCanonicalOrRefused) {
  EXPECT_EQ(canonical_policy_entry("AGPL-3.0", "deny[0]").value(), "AGPL-3.0-only");
  EXPECT_EQ(canonical_policy_entry("gpl-2.0+", "deny[0]").value(), "GPL-2.0-or-later");
  EXPECT_EQ(canonical_policy_entry("LicenseRef-acme", "allow[0]").value(), "LicenseRef-acme");
  auto typo = canonical_policy_entry("AGPL-3.0-onyl", "deny[1]");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().code, "invalid-license");
  EXPECT_EQ(typo.error().message,
            "license policy entry \"AGPL-3.0-onyl\": \"AGPL-3.0-onyl\" is not an SPDX license id "
            "(did you mean \"AGPL-3.0-only\"?)");
  EXPECT_EQ(typo.error().hint, "write \"AGPL-3.0-only\"");
  EXPECT_EQ(typo.error().where.field, "deny[1]");
  auto expr = canonical_policy_entry("MIT OR ISC", "allow[0]");
  ASSERT_FALSE(expr);
  EXPECT_EQ(expr.error().message,
            "license policy entry \"MIT OR ISC\" is an expression; an entry is one license, "
            "optionally with \"+\" or \"WITH <exception>\"");
}

TEST(LicenseCheck, TheVendoredTableIsSortedForLookups) {
  EXPECT_EQ(spdx_list_versions(), "spdx-license-ids 3.0.12, spdx-exceptions 2.3.0");
  EXPECT_EQ(spdx_license("mit").value(), "MIT");
  EXPECT_EQ(spdx_license("0bsd").value(), "0BSD");
  EXPECT_EQ(spdx_license("ZPL-2.1").value(), "ZPL-2.1");
  EXPECT_FALSE(spdx_license("AGPL-3.0"));  // deprecated: only through deprecated_replacement
  EXPECT_EQ(spdx_exception("llvm-exception").value(), "LLVM-exception");
  EXPECT_TRUE(is_license_ref("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"));
  EXPECT_FALSE(is_license_ref("LicenseRef-"));
}

}  // namespace
}  // namespace pinset::policy
