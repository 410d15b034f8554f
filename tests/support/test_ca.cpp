#include "tests/support/test_ca.hpp"

#include <fstream>
#include <stdexcept>
#include <vector>

#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

// Our own openssl configuration, so the system's openssl.cnf cannot change the certificates.
constexpr const char* k_ca_config = R"(
[req]
distinguished_name = dn
x509_extensions = v3_ca
prompt = no
[dn]
CN = pinset test CA
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
)";

void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + path);
}

void openssl(const std::vector<std::string>& args) {
  ProcessResult r = run_process("openssl", args);
  if (r.exit_code != 0) {
    std::string command = "openssl";
    for (const auto& a : args)
      command += " " + a;
    throw std::runtime_error(command + " failed: " + r.err);
  }
}

const std::vector<std::string> k_new_ec_key = {"-newkey", "ec", "-pkeyopt",
                                               "ec_paramgen_curve:prime256v1", "-nodes"};

}  // namespace

TestCa::TestCa(std::string dir)
    : m_dir(std::move(dir)), m_ca_cert(m_dir + "/ca.crt"), m_ca_key(m_dir + "/ca.key") {
  std::string config = m_dir + "/ca.cnf";
  write_text(config, k_ca_config);
  std::vector<std::string> args = {"req", "-x509"};
  args.insert(args.end(), k_new_ec_key.begin(), k_new_ec_key.end());
  args.insert(args.end(),
              {"-keyout", m_ca_key, "-out", m_ca_cert, "-days", "2", "-config", config});
  openssl(args);
}

ServerCert TestCa::issue(const std::string& name, const std::string& subject_alt_name,
                         int days) const {
  ServerCert out{m_dir + "/" + name + ".crt", m_dir + "/" + name + ".key"};
  std::string config = m_dir + "/" + name + ".cnf";
  write_text(config, std::string(k_ca_config) +
                         "[server]\n"
                         "basicConstraints = CA:FALSE\n"
                         "keyUsage = critical,digitalSignature\n"
                         "extendedKeyUsage = serverAuth\n"
                         "subjectKeyIdentifier = hash\n"
                         "authorityKeyIdentifier = keyid\n"
                         "subjectAltName = " +
                         subject_alt_name + "\n");
  std::vector<std::string> args = {"req"};
  args.insert(args.end(), k_new_ec_key.begin(), k_new_ec_key.end());
  args.insert(args.end(), {"-keyout", out.key_file, "-subj", "/CN=" + name, "-config", config});
  if (days > 0) {
    // One call (OpenSSL 3): a new key and a certificate signed by the CA (random serial).
    args.insert(args.end(), {"-x509", "-CA", m_ca_cert, "-CAkey", m_ca_key, "-extensions", "server",
                             "-days", std::to_string(days), "-out", out.cert_file});
    openssl(args);
    return out;
  }
  // `req` refuses a negative -days; `x509 -req` takes it and sets notAfter before now.
  std::string csr = m_dir + "/" + name + ".csr";
  args.insert(args.end(), {"-new", "-out", csr});
  openssl(args);
  openssl({"x509", "-req", "-in", csr, "-CA", m_ca_cert, "-CAkey", m_ca_key, "-extfile", config,
           "-extensions", "server", "-days", std::to_string(days), "-out", out.cert_file});
  return out;
}

}  // namespace pinset::test
