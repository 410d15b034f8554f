#include "core/crypto/checksum.hpp"

#include <cstring>

#include "core/util/base64.hpp"

namespace pinset::crypto {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Error invalid(std::string_view text, std::string why) {
  return Error(codes::invalid_checksum, "invalid checksum " + quote(text) + ": " + std::move(why),
               {},
               "write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex digits>, "
               "or the SRI form sha256-<base64> / sha512-<base64>");
}

}  // namespace

std::string_view algo_name(DigestAlgo algo) {
  return algo == DigestAlgo::sha256 ? "sha256" : "sha512";
}

Checksum::Checksum(DigestAlgo algo, std::string_view raw_bytes) : m_algo(algo) {
  std::memcpy(m_bytes.data(), raw_bytes.data(), std::min(raw_bytes.size(), m_bytes.size()));
}

Result<Checksum> Checksum::parse(std::string_view text) {
  std::size_t sep = text.find_first_of(":-");
  if (sep == std::string_view::npos) {
    return fail(invalid(text, "no algorithm prefix"));
  }
  std::string_view algo_text = text.substr(0, sep);
  DigestAlgo algo;
  if (algo_text == "sha256") {
    algo = DigestAlgo::sha256;
  } else if (algo_text == "sha512") {
    algo = DigestAlgo::sha512;
  } else {
    return fail(
        invalid(text, "unknown algorithm " + quote(algo_text) + " (supported: sha256, sha512)"));
  }
  std::size_t want = algo == DigestAlgo::sha256 ? 32 : 64;
  std::string_view body = text.substr(sep + 1);
  std::string raw;
  if (text[sep] == ':') {
    if (body.size() != want * 2) {
      return fail(invalid(text, std::string(algo_name(algo)) + " takes " +
                                    std::to_string(want * 2) + " hex digits, found " +
                                    std::to_string(body.size())));
    }
    for (std::size_t i = 0; i < body.size(); i += 2) {
      int hi = hex_value(body[i]);
      int lo = hex_value(body[i + 1]);
      if (hi < 0 || lo < 0) {
        char bad = hi < 0 ? body[i] : body[i + 1];
        bool upper = (bad >= 'A' && bad <= 'F');
        return fail(invalid(text, upper ? "hex digits must be lowercase"
                                        : "not a hex digit: " + quote(std::string(1, bad))));
      }
      raw += char(hi * 16 + lo);
    }
  } else {
    if (!base64_decode(body, raw)) {
      return fail(invalid(text, "the SRI form needs standard base64 with padding"));
    }
    if (raw.size() != want) {
      return fail(invalid(text, std::string(algo_name(algo)) + " digests are " +
                                    std::to_string(want) + " bytes, this decodes to " +
                                    std::to_string(raw.size())));
    }
  }
  return Checksum(algo, raw);
}

std::string Checksum::hex() const {
  std::string out;
  out.reserve(size() * 2);
  for (std::size_t i = 0; i < size(); ++i) {
    out += k_hex[m_bytes[i] >> 4];
    out += k_hex[m_bytes[i] & 15];
  }
  return out;
}

std::string Checksum::str() const {
  return std::string(algo_name(m_algo)) + ':' + hex();
}
std::string Checksum::sri() const {
  return std::string(algo_name(m_algo)) + '-' + base64_encode(bytes());
}
std::string Checksum::short_str() const {
  return std::string(algo_name(m_algo)) + ':' + hex().substr(0, 8);
}

}  // namespace pinset::crypto
