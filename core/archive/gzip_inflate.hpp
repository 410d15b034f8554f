#pragma once
// Whole-buffer gzip inflation with libdeflate, the fast path of extract() for .tar.gz / .tgz: the
// archive is already in memory, so inflating it in one call (2-3x faster than zlib's streaming
// inflate through libarchive) and handing the plain tar to libarchive costs one buffer of the
// expanded size. Only used when that buffer is small (see `max_output`); everything else, and
// everything unusual, goes through libarchive as before, so its refusals and messages are kept.
//
// Unlike libarchive, which stops at the tar end marker, this checks every member's trailer: the
// CRC-32 and the size of the inflated data.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace pinset::archive {

struct GzipInflation {
  enum class Outcome {
    inflated,        // `data` holds the concatenated content of every member
    use_libarchive,  // not gzip, damaged deflate data, a header or trailing bytes this does not
                     // handle, or larger than max_output: let libarchive read the original bytes
    bad_trailer,     // deflate data intact, but a member's CRC-32 or size disagrees: `problem` says
  };
  Outcome outcome = Outcome::use_libarchive;
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::string problem;  // bad_trailer: a sentence naming the member and the field
};

// Inflates `bytes` (one or more gzip members, back to back) when the result fits in max_output
// bytes. Never allocates more than max_output bytes for the result: the ISIZE trailer of the last
// member (exact for a single member) is only a hint for the first allocation, refused outright
// when over max_output; a member that does not fit (multi-member files, or a lying ISIZE) grows
// the buffer by doubling, up to 8 times the compressed size and never past max_output, then gives
// up. So a bomb costs a bounded amount of inflation before libarchive refuses it from its tar
// headers. Throws std::bad_alloc when memory runs out.
GzipInflation inflate_gzip(std::string_view bytes, std::size_t max_output);

}  // namespace pinset::archive
