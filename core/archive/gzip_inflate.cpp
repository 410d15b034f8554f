#include "core/archive/gzip_inflate.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <new>

namespace pinset::archive {

namespace {

struct DecompressorFree {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

constexpr std::size_t k_min_growth = 64 * 1024;
// Past the ISIZE hint, the buffer grows to at most this many times the compressed size: plenty for
// tarballs (about 3-5x), while a multi-member bomb (about 1000x) is handed to libarchive after a
// little wasted work instead of after max_output bytes of it.
constexpr std::size_t k_max_growth_ratio = 8;

std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// The length of the gzip member header (RFC 1952, 2.3) at the start of `in`, or 0 when it is not
// one this reads: wrong magic or method, reserved flags set, or cut short.
std::size_t header_length(const unsigned char* in, std::size_t size) {
  constexpr unsigned k_fhcrc = 0x02, k_fextra = 0x04, k_fname = 0x08, k_fcomment = 0x10;
  if (size < 10 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8 || (in[3] & 0xe0) != 0) return 0;
  const unsigned flags = in[3];
  std::size_t at = 10;
  if (flags & k_fextra) {
    if (size - at < 2) return 0;
    at += 2 + (static_cast<std::size_t>(in[at]) | static_cast<std::size_t>(in[at + 1]) << 8);
    if (at > size) return 0;
  }
  for (unsigned field : {k_fname, k_fcomment}) {
    if ((flags & field) == 0) continue;
    while (at < size && in[at] != 0)
      ++at;
    if (at == size) return 0;
    ++at;  // the terminating zero
  }
  if (flags & k_fhcrc) {  // skipped unchecked, as libarchive does
    if (size - at < 2) return 0;
    at += 2;
  }
  return at;
}

}  // namespace

GzipInflation inflate_gzip(std::string_view bytes, std::size_t max_output) {
  GzipInflation result;
  const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t in_size = bytes.size();
  if (header_length(in, in_size) == 0 || in_size < 18) return result;
  // ISIZE of the last member: the whole size for a single member under 4 GiB. Only a hint.
  const std::size_t hint = le32(in + in_size - 4);
  if (hint > max_output) return result;

  std::unique_ptr<libdeflate_decompressor, DecompressorFree> decompressor(
      libdeflate_alloc_decompressor());
  if (!decompressor) throw std::bad_alloc();
  const std::size_t growth_limit = in_size > max_output / k_max_growth_ratio
                                       ? max_output
                                       : std::max(hint, in_size * k_max_growth_ratio);
  std::size_t capacity = hint;
  auto out = std::make_unique_for_overwrite<char[]>(capacity);
  std::size_t produced = 0;
  std::size_t at = 0;
  for (int member = 1; at < in_size; ++member) {
    const std::size_t header = header_length(in + at, in_size - at);
    if (header == 0) return result;  // trailing bytes that are not a gzip member
    at += header;
    std::size_t used = 0;
    std::size_t made = 0;
    for (;;) {
      const libdeflate_result status =
          libdeflate_deflate_decompress_ex(decompressor.get(), in + at, in_size - at,
                                           out.get() + produced, capacity - produced, &used, &made);
      if (status == LIBDEFLATE_SUCCESS) break;
      if (status != LIBDEFLATE_INSUFFICIENT_SPACE || capacity >= growth_limit) return result;
      // Grow geometrically, never past growth_limit, and inflate this member again.
      const std::size_t grown =
          std::min(growth_limit, std::max(capacity + k_min_growth, capacity * 2));
      auto bigger = std::make_unique_for_overwrite<char[]>(grown);
      std::copy_n(out.get(), produced, bigger.get());
      out = std::move(bigger);
      capacity = grown;
    }
    at += used;
    if (in_size - at < 8) return result;  // no room for the trailer: let libarchive judge
    auto bad_trailer = [&](const char* field) {
      result.outcome = GzipInflation::Outcome::bad_trailer;
      result.problem = std::string("the ") + field + " in the gzip trailer of member " +
                       std::to_string(member) + " does not match its inflated data";
      return std::move(result);
    };
    if (le32(in + at) != libdeflate_crc32(0, out.get() + produced, made)) {
      return bad_trailer("CRC-32");
    }
    if (le32(in + at + 4) != static_cast<std::uint32_t>(made)) return bad_trailer("size");
    at += 8;
    produced += made;
  }
  result.outcome = GzipInflation::Outcome::inflated;
  result.data = std::move(out);
  result.size = produced;
  return result;
}

}  // namespace pinset::archive
