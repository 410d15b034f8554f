#include "core/semver/diagnose.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pinset::semver::diagnose {
namespace {

struct Case {
  std::string token;
  std::string problem;
};

TEST(Diagnose, ExplainsWhatIsWrongWithAComparator) {
  const std::vector<Case> cases = {
      {">=1.2.x.y", "unexpected \".y\" after \">=1.2.x\""},
      {"1.2.3.4", "unexpected \".4\" after \"1.2.3\""},
      {"~1.2.3.4", "unexpected \".4\" after \"~1.2.3\""},
      {"01.2.3", "leading zero in \"01\""},
      {"1.02", "leading zero in \"02\""},
      {"foo", "expected a version, found \"foo\""},
      {">=latest", "expected a version, found \"latest\""},
      {"1.y", "expected a number or \"x\" after \"1.\", found \"y\""},
      {"1.", "expected a number or \"x\" after \"1.\""},
      {">", "expected a version after \">\""},
      {"~>", "expected a version after \"~>\""},
      {"=v", "expected a version after \"=v\""},
      {"1.2-rc.1",
       "unexpected \"-rc.1\" after \"1.2\": a prerelease or build needs a full "
       "MAJOR.MINOR.PATCH"},
      {"^1+b",
       "unexpected \"+b\" after \"^1\": a prerelease or build needs a full "
       "MAJOR.MINOR.PATCH"},
      {"1.2.3-", "empty prerelease identifier"},
      {"1.2.3-a..b", "empty prerelease identifier"},
      {"1.2.3-01", "prerelease identifier \"01\" has a leading zero"},
      {"1.2.3-a#", "unexpected \"#\" after \"1.2.3-a\""},
      {"1.2.3+", "empty build identifier"},
      {"1.2.3-a+b..c", "empty build identifier"},
      {"==1.2.3", "unexpected \"=\" before \"1.2.3\""},
      {"v=1.2.3", "unexpected \"v=\" before \"1.2.3\""},
      {"|", "\"|\" is not an operator; separate alternatives with \"||\""},
      {"-", "\"-\" needs one version on each side, as in \"1.2.3 - 2.3.4\""},
      {"-1.2.3", "a hyphen range needs spaces around \"-\", as in \"1.2.3 - 2.3.4\""},
      {"=>1", "unknown operator \"=>\"; write \">=\""},
      {"=<1", "unknown operator \"=<\"; write \"<=\""},
      {"!1.2.3", "unknown operator \"!\"; a range cannot exclude versions"},
      {"1.x.3",
       "a number cannot follow a wildcard (\"3\" after \"1.x\"); write \"1.x\", or every number "
       "as in \"1.2.3\""},
      {">=x.1.2",
       "a number cannot follow a wildcard (\"1\" after \">=x\"); write \">=x\", or every number "
       "as in \"1.2.3\""},
      {"x.01", "leading zero in \"01\""},
      {"^x.1", ""},  // ^ and ~ read it: as "*"
      {"~1.x.3", ""},
      // Nothing wrong in the grammar: node-semver's rewriting decides.
      {"", ""},
      {"1.2.3", ""},
      {">=v1.2.3-rc.1+b", ""},
      {"v=1.x", ""},
      {"^v=1.2.3", ""},
      {"~>=1.2", ""},
      {"*", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(comparator_problem(c.token), c.problem) << c.token;
}

}  // namespace
}  // namespace pinset::semver::diagnose
