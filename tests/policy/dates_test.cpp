#include "core/policy/dates.hpp"

#include <gtest/gtest.h>

namespace pinset::policy {
namespace {

TEST(PolicyDates, DatesAreRealCalendarDays) {
  EXPECT_EQ(parse_date("1970-01-01"), 0);
  EXPECT_EQ(parse_date("2024-02-29"), 19782);
  EXPECT_EQ(parse_date("2000-03-01").value() - parse_date("2000-02-28").value(), 2);  // leap
  EXPECT_EQ(parse_date("1900-03-01").value() - parse_date("1900-02-28").value(), 1);  // not
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-01x",
                          "2026/01/01", "", "2026-04-31"}) {
    EXPECT_FALSE(parse_date(bad)) << bad;
  }
}

TEST(PolicyDates, TimestampsHonourOffsetsAndFractions) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_timestamp("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_timestamp("1969-12-31T19:00:00.999-05:00"), 0);
  EXPECT_EQ(parse_timestamp("2026-11-21T12:34:56z"),
            parse_date("2026-11-21").value() * 86400 + 12 * 3600 + 34 * 60 + 56);
  EXPECT_EQ(parse_timestamp("2016-12-31T23:59:60Z"), parse_timestamp("2016-12-31T23:59:59Z"));
  for (const char* bad :
       {"2026-11-21", "2026-11-21T24:00:00Z", "2026-11-21T12:00:00", "2026-11-21T12:00:00.Z",
        "2026-11-21T12:00:00+1:00", "2026-11-21T12:00:00Z ", "2026-02-30T00:00:00Z"}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
}

TEST(PolicyDates, FormatsTheUtcDay) {
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(-1), "1969-12-31");
  EXPECT_EQ(format_date(parse_date("2027-02-19").value() * 86400 + 86399), "2027-02-19");
  EXPECT_EQ(day_of(-86400), -1);
  EXPECT_EQ(day_of(-86401), -2);
}

}  // namespace
}  // namespace pinset::policy
