#pragma once
// A certificate authority made at test time with the openssl CLI, and server certificates signed
// by it, for TLS tests against loopback servers. Keys are EC P-256 (fast to generate).

#include <string>

namespace pinset::test {

struct ServerCert {
  std::string cert_file;  // PEM certificate
  std::string key_file;   // PEM private key, unencrypted
};

class TestCa {
 public:
  // Creates dir/ca.crt and dir/ca.key (`dir` must exist). Throws std::runtime_error with openssl's
  // output if openssl fails.
  explicit TestCa(std::string dir);

  // The CA certificate (PEM), for CURLOPT_CAINFO / --cacert.
  const std::string& ca_file() const { return m_ca_cert; }

  // Issues dir/<name>.crt and dir/<name>.key for `subject_alt_name` ("IP:127.0.0.1",
  // "DNS:other.example"), valid from now for `days`. A `days` of 0 or less makes a certificate
  // that has already expired (its notAfter lies `days` before now).
  ServerCert issue(const std::string& name, const std::string& subject_alt_name,
                   int days = 30) const;

 private:
  std::string m_dir;
  std::string m_ca_cert;
  std::string m_ca_key;
};

}  // namespace pinset::test
