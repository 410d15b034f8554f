#include "core/util/dates.hpp"

#include <gtest/gtest.h>

namespace pinset {
namespace {

TEST(Dates, DatesAreRealCalendarDays) {
  EXPECT_EQ(dates::parse_date("1970-01-01"), 0);
  EXPECT_EQ(dates::parse_date("2024-02-29"), 19782);
  EXPECT_EQ(dates::parse_date("2000-03-01").value() - dates::parse_date("2000-02-28").value(),
            2);  // leap
  EXPECT_EQ(dates::parse_date("1900-03-01").value() - dates::parse_date("1900-02-28").value(),
            1);  // not
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-01x",
                          "2026/01/01", "", "2026-04-31"}) {
    EXPECT_FALSE(dates::parse_date(bad)) << bad;
  }
}

TEST(Dates, TimestampsHonourOffsetsAndFractions) {
  EXPECT_EQ(dates::parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(dates::parse_timestamp("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(dates::parse_timestamp("1969-12-31T19:00:00.999-05:00"), 0);
  EXPECT_EQ(dates::parse_timestamp("2026-11-21T12:34:56z"),
            dates::parse_date("2026-11-21").value() * 86400 + 12 * 3600 + 34 * 60 + 56);
  EXPECT_EQ(dates::parse_timestamp("2016-12-31T23:59:60Z"),
            dates::parse_timestamp("2016-12-31T23:59:59Z"));
  for (const char* bad :
       {"2026-11-21", "2026-11-21T24:00:00Z", "2026-11-21T12:00:00", "2026-11-21T12:00:00.Z",
        "2026-11-21T12:00:00+1:00", "2026-11-21T12:00:00Z ", "2026-02-30T00:00:00Z"}) {
    EXPECT_FALSE(dates::parse_timestamp(bad)) << bad;
  }
}

TEST(Dates, FormatsTheUtcDay) {
  EXPECT_EQ(dates::format_date(0), "1970-01-01");
  EXPECT_EQ(dates::format_date(-1), "1969-12-31");
  EXPECT_EQ(dates::format_date(dates::parse_date("2027-02-19").value() * 86400 + 86399),
            "2027-02-19");
  EXPECT_EQ(dates::day_of(-86400), -1);
  EXPECT_EQ(dates::day_of(-86401), -2);
}

TEST(Dates, FormatsTheUtcDateAndTimeWithoutZone) {
  EXPECT_EQ(dates::format_date_time(0), "1970-01-01T00:00:00");
  EXPECT_EQ(dates::format_date_time(-1), "1969-12-31T23:59:59");
  EXPECT_EQ(dates::format_date_time(*dates::parse_timestamp("2026-11-21T08:05:09+02:00")),
            "2026-11-21T06:05:09");
  EXPECT_EQ(dates::format_date_time(*dates::parse_timestamp("2027-02-19T23:59:59Z")),
            "2027-02-19T23:59:59");
}

TEST(Dates, ExpiresMayBeADateOrATimestamp) {
  EXPECT_EQ(dates::parse_date_or_timestamp("1970-01-01"), 0);
  EXPECT_EQ(dates::parse_date_or_timestamp("2026-11-21"), 1795219200);
  EXPECT_EQ(dates::parse_date_or_timestamp("2026-11-21T02:00:00+02:00"), 1795219200);
  EXPECT_EQ(dates::parse_date_or_timestamp("2026-11-20T23:30:00.999-00:30"), 1795219200);
  EXPECT_EQ(dates::parse_date_or_timestamp("2027-06-29T21:30:00-02:30"), 1814313600);
  EXPECT_EQ(dates::parse_date_or_timestamp("2000-03-01T00:00:00Z"), 951868800);
  for (const char* bad : {"2026-11-21T00:00:00", "2026/11/21", "", "2026-02-30"}) {
    EXPECT_FALSE(dates::parse_date_or_timestamp(bad)) << bad;
  }
}

TEST(Dates, ProblemsSayWhatIsWrong) {
  EXPECT_EQ(dates::date_problem("2026-02-30"),
            "there is no day 30 in February 2026 (it has 28 days)");
  EXPECT_EQ(dates::date_problem("2024-02-30"),
            "there is no day 30 in February 2024 (it has 29 days)");
  EXPECT_EQ(dates::date_problem("2026-13-01"), "there is no month 13");
  EXPECT_EQ(dates::date_problem("26-01-01"), "it is not in the form YYYY-MM-DD");
  EXPECT_EQ(dates::date_problem("2026-01-31"), "");
  EXPECT_EQ(dates::timestamp_problem("2026-01-31T24:00:00Z"), "hour 24 is not 0-23");
  EXPECT_EQ(dates::timestamp_problem("2026-01-31T12:00:00"),
            "it has no time zone: end it with Z or an offset such as +02:00");
  EXPECT_EQ(dates::timestamp_problem("2026-01-31T12:00:00+25:00"),
            "the offset \"+25:00\" is out of range");
  EXPECT_EQ(dates::timestamp_problem("2026-01-31T12:00:00.Z"),
            "the fraction of a second after \".\" has no digits");
  EXPECT_EQ(dates::timestamp_problem("2026-01-31T12:00:00Z"), "");
}

}  // namespace
}  // namespace pinset
