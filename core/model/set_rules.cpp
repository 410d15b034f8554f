// Field paths, the capped error collector, and the validators of URLs, timestamps and dates.
#include "core/model/set_rules.hpp"

#include "core/model/detail/set_rules.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "core/doc/node.hpp"
#include "core/util/dates.hpp"

namespace pinset::model {

namespace {

// Whether any byte is a space, a control character (below 0x20) or DEL, eight bytes at a time:
// every artifact URL of a set goes through here.
bool has_space_or_control(std::string_view text) {
  constexpr std::uint64_t k_ones = 0x0101010101010101u;
  constexpr std::uint64_t k_highs = 0x8080808080808080u;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, sizeof x);
    std::uint64_t below = (x - k_ones * 0x21) & ~x;  // high bit set where a byte < 0x21
    std::uint64_t del = x ^ (k_ones * 0x7f);
    std::uint64_t is_del = (del - k_ones) & ~del;  // high bit set where a byte == 0x7f
    if ((below | is_del) & k_highs) return true;
  }
  for (; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c <= ' ' || c == 0x7f) return true;
  }
  return false;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Error invalid_timestamp(std::string_view text, std::string why) {
  return Error(codes::invalid_timestamp, "invalid timestamp " + quote(text) + ": " + std::move(why),
               {},
               "write an RFC 3339 timestamp such as 2027-06-30T00:00:00Z or "
               "2027-06-30T08:00:00+02:00");
}

}  // namespace

std::string detail::FieldPath::str() const {
  if (parent == nullptr) return std::string(key);
  std::string out = parent->str();
  if (!key.empty()) out = doc::join_field(out, key);
  if (index >= 0) out = doc::index_field(out, static_cast<std::size_t>(index));
  return out;
}

void detail::ErrorSink::add(Error e) {
  if (m_errors.size() < k_max_errors) {
    m_errors.push_back(std::move(e));
  } else {
    ++m_dropped;
  }
}

void detail::ErrorSink::absorb(ErrorSink&& other) {
  for (Error& e : other.m_errors)
    add(std::move(e));
  m_dropped += other.m_dropped;
  other = ErrorSink();
}

Error detail::ErrorSink::finish(const std::string& source) && {
  std::stable_sort(m_errors.begin(), m_errors.end(), [](const Error& a, const Error& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  std::size_t total = m_errors.size() + m_dropped;
  ErrorList list;
  for (Error& e : m_errors)
    list.add(std::move(e));
  Error top =
      std::move(list).combine(codes::invalid_set, source + " is not a valid package set", {});
  top.omitted = m_dropped;
  if (m_dropped > 0) {
    top.message = source + " is not a valid package set (" + std::to_string(total) +
                  " errors, the first " + std::to_string(k_max_errors) + " shown)";
  }
  return top;
}

Status check_url(std::string_view url) {
  auto bad = [&](std::string why) {
    return fail(codes::invalid_url, "invalid url " + quote(url) + ": " + std::move(why), {},
                "write an https://, http:// or file:// URL, or a path relative to the set such as "
                "artifacts/netlib-1.4.0.tar.gz");
  };
  if (url.empty()) return bad("it is empty");
  if (has_space_or_control(url)) {
    for (char ch : url) {
      auto c = static_cast<unsigned char>(ch);
      if (c > ' ' && c != 0x7f) continue;
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
      return bad(space ? "it contains whitespace" : "it contains a control character");
    }
  }
  // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  std::size_t colon = std::string_view::npos;
  if ((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')) {
    std::size_t i = 1;
    while (i < url.size() &&
           ((url[i] >= 'a' && url[i] <= 'z') || (url[i] >= 'A' && url[i] <= 'Z') ||
            (url[i] >= '0' && url[i] <= '9') || url[i] == '+' || url[i] == '-' || url[i] == '.')) {
      ++i;
    }
    if (i < url.size() && url[i] == ':') colon = i;
  }
  if (colon == std::string_view::npos) {
    if (url.substr(0, 2) == "//") return bad("it starts with \"//\" but has no scheme");
    return {};  // a relative reference
  }
  std::string_view scheme = url.substr(0, colon);
  bool web = iequals(scheme, "http") || iequals(scheme, "https");
  if (!web && !iequals(scheme, "file")) {
    return bad("the scheme " + quote(scheme) + " is not supported (http, https, file)");
  }
  std::string_view rest = url.substr(colon + 1);
  if (rest.substr(0, 2) != "//") {
    return bad("it needs \"//\" after " + quote(std::string(scheme) + ":"));
  }
  if (web) {
    std::string_view authority = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    if (authority.empty()) return bad("it has no host");
  }
  return {};
}

Status check_timestamp(std::string_view text) {
  if (std::string why = dates::timestamp_problem(text); !why.empty()) {
    return fail(invalid_timestamp(text, why));
  }
  return {};
}

Result<crypto::Checksum> detail::parse_checksum(std::string_view text) {
  static constexpr auto k_hex = [] {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (int c = '0'; c <= '9'; ++c)
      table[c] = static_cast<std::int8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
      table[c] = static_cast<std::int8_t>(c - 'a' + 10);
    return table;
  }();
  crypto::DigestAlgo algo = crypto::DigestAlgo::sha256;
  std::string_view hex;
  if (text.size() == 7 + 64 && text.substr(0, 7) == "sha256:") {
    hex = text.substr(7);
  } else if (text.size() == 7 + 128 && text.substr(0, 7) == "sha512:") {
    algo = crypto::DigestAlgo::sha512;
    hex = text.substr(7);
  } else {
    return crypto::Checksum::parse(text);
  }
  std::array<char, 64> raw;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = k_hex[static_cast<unsigned char>(hex[i])];
    int lo = k_hex[static_cast<unsigned char>(hex[i + 1])];
    if (hi < 0 || lo < 0) return crypto::Checksum::parse(text);  // it words the error
    raw[i / 2] = static_cast<char>(hi * 16 + lo);
  }
  return crypto::Checksum(algo, std::string_view(raw.data(), hex.size() / 2));
}

Result<std::uint32_t> detail::check_strip_components(std::uint64_t n) {
  if (n <= k_max_strip_components) return static_cast<std::uint32_t>(n);
  return fail(codes::out_of_range,
              "strip-components " + std::to_string(n) + " is more than " +
                  std::to_string(k_max_strip_components),
              {},
              "strip-components is the number of leading folders to drop from the archive's "
              "paths, usually 0 or 1");
}

Status check_date(std::string_view text) {
  std::string why =
      text.size() == 10 ? dates::date_problem(text) : "it is not in the form YYYY-MM-DD";
  if (why.empty()) return {};
  return fail(codes::invalid_date, "invalid date " + quote(text) + ": " + why, {},
              "write the date as YYYY-MM-DD, e.g. 2026-10-02");
}

}  // namespace pinset::model
