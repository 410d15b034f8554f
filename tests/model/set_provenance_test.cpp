// Entries' provenance fields: `published-at` (RFC 3339), `publisher`, and `vetted` written as one
// review or a list of them; both formats build the same model and report the same errors.
#include <gtest/gtest.h>

#include "core/model/package_set.hpp"

namespace pinset::model {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

Result<PackageSet> parse(const std::string& text, const std::string& source) {
  return parse_package_set(text, source, doc::format_for(source));
}

TEST(SetProvenance, YamlAndJsonReadReviewListsAndPublication) {
  const std::string yaml =
      "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n"
      "    - version: 1.4.0\n      checksum: " +
      k_sum +
      "\n      url: a.tgz\n      published-at: 2026-11-30T12:00:00.5+01:00\n"
      "      publisher: Alice <alice@example.com>\n      vetted:\n"
      "        - {by: bob, on: 2026-12-01, criteria: safe-to-deploy}\n"
      "        - {by: carol, on: 2026-12-02, ticket: SEC-9}\n";
  const std::string json = R"({"format": 1, "name": "acme", "serial": 3, "packages": {"netlib": [
    {"version": "1.4.0", "checksum": ")" +
                           k_sum +
                           R"(", "url": "a.tgz",
     "published-at": "2026-11-30T12:00:00.5+01:00", "publisher": "Alice <alice@example.com>",
     "vetted": [{"by": "bob", "on": "2026-12-01", "criteria": "safe-to-deploy"},
                {"by": "carol", "on": "2026-12-02", "ticket": "SEC-9"}]}]}})";
  for (const auto& [text, source] : {std::pair{yaml, "set.yaml"}, {json, "set.json"}}) {
    SCOPED_TRACE(source);
    auto set = parse(text, source);
    ASSERT_TRUE(set) << set.error().render();
    const Entry& e = set->find("netlib")->entries.at(0);
    EXPECT_EQ(e.published_at(), "2026-11-30T12:00:00.5+01:00");
    EXPECT_EQ(e.publisher(), "Alice <alice@example.com>");
    EXPECT_EQ(e.vetted(), (std::vector<Vetting>{{"bob", "2026-12-01", "safe-to-deploy", ""},
                                                {"carol", "2026-12-02", "", "SEC-9"}}));
  }
}

TEST(SetProvenance, BadPublicationTimesAndReviewsAreReportedWhole) {
  const std::string yaml =
      "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n"
      "    - version: 1.4.0\n      checksum: " +
      k_sum +
      "\n      url: a.tgz\n      published-at: 2026-11-30\n"
      "      publisher: [alice]\n      vetted:\n"
      "        - {by: bob, on: 2026-12-01}\n"
      "        - {by: carol}\n"
      "        - yes\n";
  auto set = parse(yaml, "set.yaml");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().render(),
            "set.yaml is not a valid package set (4 errors)\n"
            "  set.yaml:9:21: packages.netlib[0].published-at: invalid timestamp \"2026-11-30\": "
            "it is not in the form YYYY-MM-DDTHH:MM:SS plus a zone\n"
            "    help: write an RFC 3339 timestamp such as 2027-06-30T00:00:00Z or "
            "2027-06-30T08:00:00+02:00\n"
            "  set.yaml:10:18: packages.netlib[0].publisher: expected a string, found a list\n"
            "  set.yaml:13:11: packages.netlib[0].vetted[1].on: missing required field \"on\"\n"
            "    help: vetted needs by (who vouched for the artifact) and on (the date, "
            "YYYY-MM-DD)\n"
            "  set.yaml:14:11: packages.netlib[0].vetted[2]: expected a mapping, found a string "
            "\"yes\"");
}

}  // namespace
}  // namespace pinset::model
