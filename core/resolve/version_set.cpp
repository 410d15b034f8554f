#include "core/resolve/version_set.hpp"

#include <bit>

namespace pinset::resolve {

namespace {

// Mask of the valid bits of the last word of a set of `size` bits.
std::uint64_t tail_mask(std::uint32_t size) {
  std::uint32_t rest = size % 64;
  if (size == 0) return 0;
  return rest == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << rest) - 1;
}

}  // namespace

VersionSet VersionSet::none(std::uint32_t size) {
  VersionSet s;
  s.m_size = size;
  if (size > 64) s.m_large.assign(s.words(), 0);
  return s;
}

VersionSet VersionSet::all(std::uint32_t size) {
  VersionSet s = none(size);
  std::uint64_t* d = s.data();
  std::uint32_t n = s.words();
  for (std::uint32_t i = 0; i + 1 < n; ++i)
    d[i] = ~std::uint64_t{0};
  d[n - 1] = tail_mask(size);
  return s;
}

VersionSet VersionSet::single(std::uint32_t size, std::uint32_t bit) {
  VersionSet s = none(size);
  s.set(bit);
  return s;
}

bool VersionSet::empty() const {
  const std::uint64_t* d = data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i) {
    if (d[i]) return false;
  }
  return true;
}

bool VersionSet::full() const {
  const std::uint64_t* d = data();
  std::uint32_t n = words();
  for (std::uint32_t i = 0; i + 1 < n; ++i) {
    if (d[i] != ~std::uint64_t{0}) return false;
  }
  return d[n - 1] == tail_mask(m_size);
}

std::uint32_t VersionSet::count() const {
  const std::uint64_t* d = data();
  std::uint32_t total = 0;
  for (std::uint32_t i = 0, n = words(); i < n; ++i)
    total += std::popcount(d[i]);
  return total;
}

std::uint32_t VersionSet::next(std::uint32_t from) const {
  if (from >= m_size) return m_size;
  const std::uint64_t* d = data();
  std::uint32_t w = from / 64;
  std::uint64_t word = d[w] & (~std::uint64_t{0} << (from % 64));
  for (std::uint32_t n = words();;) {
    if (word) return w * 64 + static_cast<std::uint32_t>(std::countr_zero(word));
    if (++w == n) return m_size;
    word = d[w];
  }
}

bool VersionSet::subset_of(const VersionSet& other) const {
  const std::uint64_t* a = data();
  const std::uint64_t* b = other.data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i) {
    if (a[i] & ~b[i]) return false;
  }
  return true;
}

bool VersionSet::disjoint(const VersionSet& other) const {
  const std::uint64_t* a = data();
  const std::uint64_t* b = other.data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i) {
    if (a[i] & b[i]) return false;
  }
  return true;
}

VersionSet& VersionSet::operator&=(const VersionSet& other) {
  std::uint64_t* a = data();
  const std::uint64_t* b = other.data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i)
    a[i] &= b[i];
  return *this;
}

VersionSet& VersionSet::operator|=(const VersionSet& other) {
  std::uint64_t* a = data();
  const std::uint64_t* b = other.data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i)
    a[i] |= b[i];
  return *this;
}

VersionSet& VersionSet::subtract(const VersionSet& other) {
  std::uint64_t* a = data();
  const std::uint64_t* b = other.data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i)
    a[i] &= ~b[i];
  return *this;
}

bool VersionSet::operator==(const VersionSet& other) const {
  if (m_size != other.m_size) return false;
  const std::uint64_t* a = data();
  const std::uint64_t* b = other.data();
  for (std::uint32_t i = 0, n = words(); i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Semantics over the universe U plus "not selected" (written ⊥): Pos(S) = S and
// Neg(S) = (U \ S) ∪ {⊥}. The formulas below follow from that.
Term Term::intersect(const Term& other) const {
  Term out = *this;
  if (positive && other.positive) {
    out.set &= other.set;  // S ∩ T
  } else if (positive) {
    out.set.subtract(other.set);  // S \ T
  } else if (other.positive) {
    out.positive = true;
    out.set = other.set;
    out.set.subtract(set);  // T \ S
  } else {
    out.set |= other.set;  // not (S ∪ T)
  }
  return out;
}

Term Term::unite(const Term& other) const {
  return negate().intersect(other.negate()).negate();
}

bool Term::satisfied_by(const Term& acc) const {
  if (acc.positive) return positive ? acc.set.subset_of(set) : acc.set.disjoint(set);
  return !positive && set.subset_of(acc.set);  // ⊥ ∈ acc, so this term must allow ⊥ too
}

bool Term::contradicted_by(const Term& acc) const {
  if (acc.positive) return positive ? acc.set.disjoint(set) : acc.set.subset_of(set);
  return positive && set.subset_of(acc.set);  // two negative terms share ⊥
}

}  // namespace pinset::resolve
