// The pure parts of core/trust: public key text, key ids and the SET.sig format.
#include <cstring>

#include "core/crypto/digest.hpp"
#include "core/trust/signing.hpp"
#include "core/util/base64.hpp"
#include "core/util/strings.hpp"

namespace pinset::trust {

namespace {

constexpr std::string_view k_key_prefix = "ed25519:";

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

Result<std::string> parse_public_key(std::string_view public_key) {
  if (!starts_with(public_key, k_key_prefix)) {
    return fail(codes::invalid_key,
                "invalid public key " + quote(public_key) + ": it must start with \"ed25519:\"", {},
                k_key_hint);
  }
  std::string raw;
  if (!base64_decode(public_key.substr(k_key_prefix.size()), raw)) {
    return fail(codes::invalid_key,
                "invalid public key " + quote(public_key) +
                    ": the part after \"ed25519:\" is not standard base64 with padding",
                {}, k_key_hint);
  }
  if (raw.size() != 32) {
    return fail(codes::invalid_key,
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
    errors.add(Error(codes::invalid_signature_file,
                     "the first line must be \"pinset-signatures 1\", found " + quote(first),
                     Location{source, 1, 1, ""}, format_hint));
    return fail(std::move(errors).combine(codes::invalid_signature_file,
                                          source + " is not a valid signature file", {}));
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    std::string_view content = trim(lines[i]);
    if (content.empty() || content.front() == '#') continue;
    Location at{source, line, 1, ""};
    auto fields = fields_of(content);
    if (fields.size() != 4) {
      errors.add(Error(codes::invalid_signature_file,
                       "expected 4 fields (algorithm, key id, public key, signature), found " +
                           std::to_string(fields.size()) + " in " + quote(content),
                       at, format_hint));
      continue;
    }
    if (fields[0] != "ed25519") {
      errors.add(
          Error(codes::invalid_signature_file,
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
      errors.add(Error(codes::invalid_signature_file,
                       "key id " + quote(fields[1]) +
                           " does not match the public key, whose id is " + quote(*id),
                       at, format_hint));
      continue;
    }
    std::string raw;
    if (!base64_decode(s.signature_b64, raw) || raw.size() != 64) {
      errors.add(Error(codes::invalid_signature_file,
                       "invalid signature " + quote(fields[3]) +
                           ": an Ed25519 signature is 64 bytes in standard base64 (88 characters)",
                       at, format_hint));
      continue;
    }
    out.push_back(std::move(s));
  }
  if (!errors.empty()) {
    return fail(std::move(errors).combine(codes::invalid_signature_file,
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
