#pragma once
// Version sets and PubGrub terms over one package's finite universe: the versions the package set
// lists for it. Bit i stands for the package's i-th highest version (see Universe), so set algebra
// is exact and "the highest allowed version" is the lowest set bit. Sets of up to 64 versions
// (nearly every package) live inline and never allocate.

#include <cstdint>
#include <vector>

namespace pinset::resolve {

class VersionSet {
 public:
  VersionSet() = default;
  static VersionSet none(std::uint32_t size);
  static VersionSet all(std::uint32_t size);
  static VersionSet single(std::uint32_t size, std::uint32_t bit);

  std::uint32_t size() const { return m_size; }  // the universe: number of versions
  bool test(std::uint32_t bit) const { return (data()[bit / 64] >> (bit % 64)) & 1u; }
  void set(std::uint32_t bit) { data()[bit / 64] |= std::uint64_t{1} << (bit % 64); }
  bool empty() const;
  bool full() const;
  std::uint32_t count() const;
  // Lowest set bit at or after `from` (the highest version from there on); size() when none.
  std::uint32_t next(std::uint32_t from = 0) const;

  bool subset_of(const VersionSet& other) const;
  bool disjoint(const VersionSet& other) const;
  VersionSet& operator&=(const VersionSet& other);
  VersionSet& operator|=(const VersionSet& other);
  VersionSet& subtract(const VersionSet& other);
  bool operator==(const VersionSet& other) const;

 private:
  std::uint32_t words() const { return m_size <= 64 ? 1 : (m_size + 63) / 64; }
  std::uint64_t* data() { return m_size <= 64 ? &m_small : m_large.data(); }
  const std::uint64_t* data() const { return m_size <= 64 ? &m_small : m_large.data(); }

  std::uint32_t m_size = 0;
  std::uint64_t m_small = 0;
  std::vector<std::uint64_t> m_large;  // only when m_size > 64
};

// A PubGrub term: "the package is selected with a version in `set`" (positive) or "the package is
// not selected with a version in `set`" (negative; also true when the package is not selected at
// all). Negative terms over the empty set ("any") are never stored in incompatibilities.
struct Term {
  bool positive = false;
  VersionSet set;

  static Term any(std::uint32_t size) { return Term{false, VersionSet::none(size)}; }
  bool is_any() const { return !positive && set.empty(); }
  bool is_empty() const { return positive && set.empty(); }

  Term negate() const { return Term{!positive, set}; }
  Term intersect(const Term& other) const;
  Term unite(const Term& other) const;

  // Every assignment allowed by `acc` satisfies this term (acc is a subset of this term).
  bool satisfied_by(const Term& acc) const;
  // No assignment allowed by `acc` satisfies this term (their intersection is empty).
  bool contradicted_by(const Term& acc) const;

  bool operator==(const Term& other) const = default;
};

}  // namespace pinset::resolve
