#pragma once
// A text -> 32-bit id map for the parser's caches (names, ranges, versions): about a million
// lookups in a large set, most of them of keys already present. Open addressing over one array of
// 32-byte slots that hold short keys inline, so that a lookup usually touches one cache line
// (a node-based map touches a bucket, a node and the key's bytes back in the document).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pinset::model::detail {

class TextIndex {
 public:
  static constexpr std::uint32_t k_absent = UINT32_MAX;

  // A fast hash for short keys (names, ranges and versions are mostly under 24 bytes): eight bytes
  // at a time, then a final mix so that the low bits, which pick the slot, depend on every byte.
  static std::size_t hash(std::string_view text) {
    std::uint64_t h = 0x9e3779b97f4a7c15u ^ text.size();
    const char* p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8)
      h = (h ^ word(p)) * 0xff51afd7ed558ccdu;
    std::uint64_t tail = 0;
    for (std::size_t i = 0; i < n; ++i)
      tail |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53u;
    return static_cast<std::size_t>(h ^ (h >> 29) ^ (h >> 47));
  }

  // Starts loading the slot of a text about to be looked up, so that the cache miss overlaps other
  // work; returns its hash for find() and insert().
  std::size_t prefetch(std::string_view text) const {
    std::size_t h = hash(text);
    if (!m_slots.empty()) __builtin_prefetch(&m_slots[h & m_mask]);
    return h;
  }

  // The id stored for `text` (whose hash is `h`), or k_absent.
  std::uint32_t find(std::string_view text) const { return find(text, hash(text)); }
  std::uint32_t find(std::string_view text, std::size_t h) const {
    if (m_slots.empty()) return k_absent;
    for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
      const Slot& s = m_slots[i];
      if (s.id == k_absent) return k_absent;
      if (s.size == text.size() && same(key(s).data(), text.data(), text.size())) return s.id;
    }
  }

  // Stores `id` (not k_absent) for `text`, which must not be present yet.
  void insert(std::string_view text, std::uint32_t id) { insert(text, hash(text), id); }
  void insert(std::string_view text, std::size_t h, std::uint32_t id) {
    if ((m_count + 1) * 2 > m_slots.size()) grow();
    Slot slot;
    slot.id = id;
    slot.size = static_cast<std::uint32_t>(text.size());
    if (text.size() <= k_inline) {
      std::memcpy(slot.text, text.data(), text.size());
    } else {
      std::uint64_t offset = m_arena.size();
      std::memcpy(slot.text, &offset, sizeof offset);
      m_arena.append(text);
    }
    place(slot, h);
    ++m_count;
  }

 private:
  static std::uint64_t word(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  // Equality of short keys without a call to memcmp.
  static bool same(const char* a, const char* b, std::size_t n) {
    for (; n >= 8; a += 8, b += 8, n -= 8) {
      if (word(a) != word(b)) return false;
    }
    for (; n > 0; ++a, ++b, --n) {
      if (*a != *b) return false;
    }
    return true;
  }

  static constexpr std::size_t k_inline = 24;
  struct Slot {
    std::uint32_t id = k_absent;
    std::uint32_t size = 0;
    char text[k_inline];  // the key if it fits, else its offset in m_arena
  };

  std::string_view key(const Slot& s) const {
    if (s.size <= k_inline) return std::string_view(s.text, s.size);
    std::uint64_t offset = 0;
    std::memcpy(&offset, s.text, sizeof offset);
    return std::string_view(m_arena).substr(offset, s.size);
  }

  void place(const Slot& slot, std::size_t h) {
    std::size_t i = h & m_mask;
    while (m_slots[i].id != k_absent)
      i = (i + 1) & m_mask;
    m_slots[i] = slot;
  }

  void grow() {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    m_mask = m_slots.size() - 1;
    for (const Slot& s : old) {
      if (s.id != k_absent) place(s, hash(key(s)));
    }
  }

  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
  std::size_t m_count = 0;
  std::string m_arena;  // keys longer than k_inline
};

}  // namespace pinset::model::detail
