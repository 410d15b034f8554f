// Version sets and the term algebra, checked against their meaning: a term is a set of outcomes for
// one package, each of its versions or "not selected".
#include <gtest/gtest.h>

#include <random>

#include "core/resolve/version_set.hpp"

namespace pinset::resolve {
namespace {

VersionSet from_bits(std::uint32_t size, const std::vector<std::uint32_t>& bits) {
  VersionSet s = VersionSet::none(size);
  for (std::uint32_t b : bits)
    s.set(b);
  return s;
}

TEST(VersionSet, SmallAndLargeUniverses) {
  for (std::uint32_t size : {1u, 3u, 63u, 64u, 65u, 128u, 130u}) {
    VersionSet none = VersionSet::none(size);
    VersionSet all = VersionSet::all(size);
    EXPECT_TRUE(none.empty()) << size;
    EXPECT_FALSE(none.full()) << size;
    EXPECT_TRUE(all.full()) << size;
    EXPECT_EQ(all.count(), size);
    EXPECT_EQ(none.next(), size);
    EXPECT_EQ(all.next(), 0u);
    VersionSet last = VersionSet::single(size, size - 1);
    EXPECT_EQ(last.count(), 1u);
    EXPECT_EQ(last.next(), size - 1);
    EXPECT_EQ(last.next(size - 1), size - 1);
    EXPECT_TRUE(last.subset_of(all));
    EXPECT_EQ(all.subset_of(last), size == 1);
    EXPECT_TRUE(last.disjoint(none));
    VersionSet rest = all;
    rest.subtract(last);
    EXPECT_EQ(rest.count(), size - 1);
    EXPECT_TRUE(rest.disjoint(last));
    rest |= last;
    EXPECT_EQ(rest, all);
    rest &= last;
    EXPECT_EQ(rest, last);
  }
}

TEST(VersionSet, NextWalksSetBitsAcrossWords) {
  VersionSet s = from_bits(200, {3, 63, 64, 127, 199});
  std::vector<std::uint32_t> seen;
  for (std::uint32_t b = s.next(); b < s.size(); b = s.next(b + 1))
    seen.push_back(b);
  EXPECT_EQ(seen, (std::vector<std::uint32_t>{3, 63, 64, 127, 199}));
  EXPECT_FALSE(s.full());
}

// The meaning of a term over `size` versions: bit i for version i, bit `size` for "not selected".
std::uint64_t meaning(const Term& t, std::uint32_t size) {
  std::uint64_t versions = 0;
  for (std::uint32_t b = 0; b < size; ++b) {
    if (t.set.test(b)) versions |= std::uint64_t{1} << b;
  }
  std::uint64_t universe = (std::uint64_t{1} << size) - 1;
  std::uint64_t absent = std::uint64_t{1} << size;
  return t.positive ? versions : ((universe & ~versions) | absent);
}

std::vector<Term> all_terms(std::uint32_t size) {
  std::vector<Term> out;
  for (std::uint32_t mask = 0; mask < (1u << size); ++mask) {
    for (bool positive : {true, false}) {
      Term t{positive, VersionSet::none(size)};
      for (std::uint32_t b = 0; b < size; ++b) {
        if (mask & (1u << b)) t.set.set(b);
      }
      out.push_back(t);
    }
  }
  return out;
}

TEST(Term, AlgebraMatchesItsMeaning) {
  constexpr std::uint32_t k_size = 3;
  for (const Term& a : all_terms(k_size)) {
    std::uint64_t ma = meaning(a, k_size);
    EXPECT_EQ(meaning(a.negate(), k_size), ~ma & ((std::uint64_t{1} << (k_size + 1)) - 1));
    EXPECT_EQ(a.is_any(), ma == (std::uint64_t{1} << (k_size + 1)) - 1);
    EXPECT_EQ(a.is_empty(), ma == 0);
    for (const Term& b : all_terms(k_size)) {
      std::uint64_t mb = meaning(b, k_size);
      EXPECT_EQ(meaning(a.intersect(b), k_size), ma & mb);
      EXPECT_EQ(meaning(a.unite(b), k_size), ma | mb);
      // b is the accumulated knowledge; a is the incompatibility's term.
      EXPECT_EQ(a.satisfied_by(b), (mb & ~ma) == 0);
      EXPECT_EQ(a.contradicted_by(b), (ma & mb) == 0);
    }
  }
}

TEST(Term, AlgebraOnLargeUniversesAgreesWithSmallOnes) {
  // The same operations on a 130-version universe, where only the first 3 bits vary, must give
  // the same answers as on a 3-version one with the remaining bits fixed the same way in both.
  std::mt19937 rng(5);
  for (int round = 0; round < 2000; ++round) {
    auto random_term = [&](std::uint32_t size) {
      Term t{rng() % 2 == 0, VersionSet::none(size)};
      for (std::uint32_t b = 0; b < size; ++b) {
        if (rng() % 2) t.set.set(b);
      }
      return t;
    };
    Term a = random_term(130);
    Term b = random_term(130);
    Term both = a.intersect(b);
    Term either = a.unite(b);
    for (std::uint32_t bit = 0; bit < 130; ++bit) {
      bool in_a = a.set.test(bit) == a.positive;
      bool in_b = b.set.test(bit) == b.positive;
      ASSERT_EQ(both.set.test(bit) == both.positive, in_a && in_b);
      ASSERT_EQ(either.set.test(bit) == either.positive, in_a || in_b);
    }
    EXPECT_EQ(both.positive, a.positive || b.positive);
    EXPECT_EQ(a.satisfied_by(both), true);
    EXPECT_EQ(either.satisfied_by(a), true);
  }
}

}  // namespace
}  // namespace pinset::resolve
