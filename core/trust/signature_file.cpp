// The pure parts of core/trust: base64, public key text, key ids and the SET.sig format.
#include <cstring>

#include "core/crypto/digest.hpp"
#include "core/trust/signing.hpp"
#include "core/util/strings.hpp"

namespace pinset::trust {

namespace {

constexpr char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view k_key_prefix = "ed25519:";

int b64_value(char c) {
  const char* p = std::strchr(k_b64, c);
  return (c != '\0' && p != nullptr) ? static_cast<int>(p - k_b64) : -1;
}

// The fields of a line split on runs of spaces and tabs.
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t')
      ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (auto& l : lines) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  }
  return lines;
}

const char* k_key_hint =
    "write a public key as ed25519:<base64 of its 32 bytes>, as `pinset set keygen` writes it in "
    "KEY.pub";

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return std::uint32_t(std::uint8_t(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift : {18, 12, 6, 0})
      out += k_b64[(n >> shift) & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = (byte(i) << 16) | (rest == 2 ? byte(i + 1) << 8 : 0);
    out += k_b64[(n >> 18) & 63];
    out += k_b64[(n >> 12) & 63];
    out += rest == 2 ? k_b64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool base64_decode(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = text[i + j];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        v[j] = 0;
        ++pad;
      } else {
        if (pad > 0) return false;
        v[j] = b64_value(c);
        if (v[j] < 0) return false;
      }
    }
    std::uint32_t n = (std::uint32_t(v[0]) << 18) | (std::uint32_t(v[1]) << 12) |
                      (std::uint32_t(v[2]) << 6) | std::uint32_t(v[3]);
    out += char((n >> 16) & 0xff);
    if (pad < 2) out += char((n >> 8) & 0xff);
    if (pad < 1) out += char(n & 0xff);
  }
  // Canonical only: re-encoding must give the same text (no stray bits in the padding).
  return base64_encode(out) == text;
}

Result<std::string> parse_public_key(std::string_view public_key) {
  if (!starts_with(public_key, k_key_prefix)) {
    return fail("invalid-key",
                "invalid public key " + quote(public_key) + ": it must start with \"ed25519:\"", {},
                k_key_hint);
  }
  std::string raw;
  if (!base64_decode(public_key.substr(k_key_prefix.size()), raw)) {
    return fail("invalid-key",
                "invalid public key " + quote(public_key) +
                    ": the part after \"ed25519:\" is not standard base64 with padding",
                {}, k_key_hint);
  }
  if (raw.size() != 32) {
    return fail("invalid-key",
                "invalid public key " + quote(public_key) +
                    ": an Ed25519 key has 32 bytes, found " + std::to_string(raw.size()),
                {}, k_key_hint);
  }
  return raw;
}

Result<std::string> key_id(std::string_view public_key) {
  auto raw = parse_public_key(public_key);
  if (!raw) return fail(raw.error());
  return crypto::sha256(*raw).hex().substr(0, 16);
}

Result<std::vector<Signature>> parse_signature_file(std::string_view text,
                                                    const std::string& source) {
  std::vector<Signature> out;
  ErrorList errors;
  const char* format_hint =
      "each line after the header \"pinset-signatures 1\" is \"ed25519 <key-id> <base64 public "
      "key> <base64 signature>\"; re-create the file with `pinset set sign`";
  auto lines = lines_of(text);
  if (lines.empty() || trim(lines.front()) != k_signature_header) {
    std::string_view first = lines.empty() ? std::string_view() : lines.front();
    errors.add(Error("invalid-signature-file",
                     "the first line must be \"pinset-signatures 1\", found " + quote(first),
                     Location{source, 1, 1, ""}, format_hint));
    return fail(std::move(errors).combine("invalid-signature-file",
                                          source + " is not a valid signature file", {}));
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    std::string_view content = trim(lines[i]);
    if (content.empty() || content.front() == '#') continue;
    Location at{source, line, 1, ""};
    auto fields = fields_of(content);
    if (fields.size() != 4) {
      errors.add(Error("invalid-signature-file",
                       "expected 4 fields (algorithm, key id, public key, signature), found " +
                           std::to_string(fields.size()) + " in " + quote(content),
                       at, format_hint));
      continue;
    }
    if (fields[0] != "ed25519") {
      errors.add(
          Error("invalid-signature-file",
                "unknown signature algorithm " + quote(fields[0]) + "; only ed25519 is known", at,
                format_hint));
      continue;
    }
    Signature s;
    s.public_key = std::string(k_key_prefix) + std::string(fields[2]);
    s.signature_b64 = std::string(fields[3]);
    s.line = line;
    auto id = key_id(s.public_key);
    if (!id) {
      Error e = id.error();
      e.where = at;
      errors.add(std::move(e));
      continue;
    }
    if (*id != fields[1]) {
      errors.add(Error("invalid-signature-file",
                       "key id " + quote(fields[1]) +
                           " does not match the public key, whose id is " + quote(*id),
                       at, format_hint));
      continue;
    }
    std::string raw;
    if (!base64_decode(s.signature_b64, raw) || raw.size() != 64) {
      errors.add(Error("invalid-signature-file",
                       "invalid signature " + quote(fields[3]) +
                           ": an Ed25519 signature is 64 bytes in standard base64 (88 characters)",
                       at, format_hint));
      continue;
    }
    out.push_back(std::move(s));
  }
  if (!errors.empty()) {
    return fail(std::move(errors).combine("invalid-signature-file",
                                          source + " is not a valid signature file", {}));
  }
  return out;
}

std::string append_signature(std::string_view existing_sig_file, const Signature& s) {
  std::string key_b64 = starts_with(s.public_key, k_key_prefix)
                            ? s.public_key.substr(k_key_prefix.size())
                            : s.public_key;
  std::string out;
  auto lines = lines_of(existing_sig_file);
  if (lines.empty() || trim(lines.front()) != k_signature_header) {
    out = std::string(k_signature_header) + '\n';
  }
  for (std::string_view line : lines) {
    auto fields = fields_of(line);
    if (fields.size() == 4 && fields[2] == key_b64) continue;  // this key's previous signature
    out += std::string(line) + '\n';
  }
  std::string id = key_id(s.public_key).value_or("0000000000000000");
  out += "ed25519 " + id + " " + key_b64 + " " + s.signature_b64 + "\n";
  return out;
}

}  // namespace pinset::trust
