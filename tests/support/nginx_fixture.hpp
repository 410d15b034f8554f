#pragma once
// A real nginx (Debian's /usr/sbin/nginx) on 127.0.0.1 serving a folder, for tests and benchmarks
// of downloads:
//
//   NginxFixture srv(root_dir);
//   fetch(srv.https_url("a/b.tgz"), /*ca_file=*/srv.ca_file());
//
// It runs as the current user with its config, pid, logs and temp files in its own temporary
// folder; a test CA and its certificates are made on first use (TestCa) and shared by every
// fixture of the program. Listeners, each on a free port:
//   https (HTTP/2 and HTTP/1.1) with a certificate for IP 127.0.0.1 signed by ca_file();
//   plain http;
//   https with a certificate for another name ("other.example"), signed by ca_file();
//   https with an expired certificate for 127.0.0.1, signed by ca_file().
// Every listener serves root_dir and these redirects (302) to the first two:
//   /redirect/https/<path>  -> https_url(<path>)
//   /redirect/http/<path>   -> http_url(<path>)
//   /redirect/loop          -> https_url("redirect/loop"), forever
// nginx runs as one process (master_process off) that gets SIGKILL when the thread that started
// it ends, so it never outlives the test program; the destructor stops it.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/test_ca.hpp"

namespace pinset::test {

// One line of nginx's access log.
struct AccessLogEntry {
  std::string uri;  // as requested, with the query
  int status = 0;
  std::string protocol;          // "HTTP/1.1", "HTTP/2.0"
  std::uint64_t connection = 0;  // nginx's serial number of the connection
  std::uint64_t body_bytes = 0;
};

struct NginxOptions {
  // Added inside every server block, e.g. more `location` blocks.
  std::string extra_server_config;
};

class NginxFixture {
 public:
  // Starts nginx serving `root_dir` and waits until every listener accepts connections. Throws
  // std::runtime_error (with nginx's error log) if it does not start.
  explicit NginxFixture(std::string root_dir, NginxOptions options = {});
  ~NginxFixture();
  NginxFixture(const NginxFixture&) = delete;
  NginxFixture& operator=(const NginxFixture&) = delete;

  // URLs of `path` (relative to root_dir; a leading '/' is optional) on each listener.
  std::string https_url(std::string_view path) const;
  std::string http_url(std::string_view path) const;
  std::string wrong_name_url(std::string_view path) const;
  std::string expired_url(std::string_view path) const;

  // The CA that signed every certificate nginx presents.
  // Made once per program and shared by all fixtures.
  const std::string& ca_file() const { return m_ca_file; }
  int https_port() const { return m_https_port; }
  int http_port() const { return m_http_port; }
  // nginx's folder (config, logs) and its error log, for diagnosing a failing test.
  const std::string& prefix() const { return m_dir.path(); }
  std::string error_log() const;
  // The requests served so far, oldest first. nginx logs a request just after answering it, so
  // this waits (up to 5 s) until at least `at_least` entries are there.
  std::vector<AccessLogEntry> access_log(std::size_t at_least = 0) const;

 private:
  bool try_start();  // false when a port was taken meanwhile
  void stop();
  std::string config() const;

  std::string m_root;
  NginxOptions m_options;
  TempDir m_dir;
  std::string m_ca_file;
  ServerCert m_ip_cert, m_other_cert, m_expired_cert;
  int m_https_port = 0, m_http_port = 0, m_wrong_name_port = 0, m_expired_port = 0;
  pid_t m_pid = -1;
};

}  // namespace pinset::test
