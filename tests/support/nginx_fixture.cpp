#include "tests/support/nginx_fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pinset::test {
namespace {

constexpr const char* k_nginx = "/usr/sbin/nginx";
constexpr int k_start_attempts = 5;
constexpr std::chrono::seconds k_start_timeout{10};

sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// A port nobody listens on right now (the kernel's pick for an ephemeral bind). Another process
// may take it before nginx does; the caller then starts again with new ports.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr = loopback(0);
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot find a free loopback port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr = loopback(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// The CA and certificates, made once per program (openssl takes a while) for every fixture.
struct TlsMaterial {
  TempDir dir;
  TestCa ca{dir.path()};
  ServerCert ip = ca.issue("ip", "IP:127.0.0.1");
  ServerCert other = ca.issue("other", "DNS:other.example");
  ServerCert expired = ca.issue("expired", "IP:127.0.0.1", -1);
};

const TlsMaterial& tls_material() {
  static const TlsMaterial material;
  return material;
}

std::string url(const char* scheme, int port, std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return std::string(scheme) + "://127.0.0.1:" + std::to_string(port) + "/" + std::string(path);
}

}  // namespace

NginxFixture::NginxFixture(std::string root_dir, NginxOptions options)
    : m_root(std::filesystem::absolute(root_dir).string()), m_options(std::move(options)) {
  std::filesystem::create_directories(m_dir.path() + "/tmp");
  const TlsMaterial& tls = tls_material();
  m_ca_file = tls.ca.ca_file();
  m_ip_cert = tls.ip;
  m_other_cert = tls.other;
  m_expired_cert = tls.expired;
  for (int attempt = 0; attempt < k_start_attempts; ++attempt) {
    if (try_start()) return;
  }
  throw std::runtime_error("nginx did not start: " + error_log());
}

NginxFixture::~NginxFixture() {
  stop();
}

std::string NginxFixture::https_url(std::string_view path) const {
  return url("https", m_https_port, path);
}
std::string NginxFixture::http_url(std::string_view path) const {
  return url("http", m_http_port, path);
}
std::string NginxFixture::wrong_name_url(std::string_view path) const {
  return url("https", m_wrong_name_port, path);
}
std::string NginxFixture::expired_url(std::string_view path) const {
  return url("https", m_expired_port, path);
}

std::string NginxFixture::error_log() const {
  return read_file(m_dir.path() + "/error.log");
}

std::vector<AccessLogEntry> NginxFixture::access_log(std::size_t at_least) const {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (true) {
    std::vector<AccessLogEntry> entries;
    std::istringstream lines(read_file(m_dir.path() + "/access.log"));
    AccessLogEntry e;
    while (lines >> e.uri >> e.status >> e.protocol >> e.connection >> e.body_bytes)
      entries.push_back(e);
    if (entries.size() >= at_least || std::chrono::steady_clock::now() > deadline) return entries;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string NginxFixture::config() const {
  const std::string& p = m_dir.path();
  std::string https = "https://127.0.0.1:" + std::to_string(m_https_port);
  std::string http = "http://127.0.0.1:" + std::to_string(m_http_port);
  std::string common = "    root " + m_root + ";\n" +
                       "    location ~ ^/redirect/https/(.*)$ { return 302 " + https + "/$1; }\n" +
                       "    location ~ ^/redirect/http/(.*)$ { return 302 " + http + "/$1; }\n" +
                       "    location = /redirect/loop { return 302 " + https +
                       "/redirect/loop; }\n" + m_options.extra_server_config + "\n";
  auto tls_server = [&](int port, const ServerCert& cert) {
    return "  server {\n    listen 127.0.0.1:" + std::to_string(port) + " ssl http2;\n" +
           "    ssl_certificate " + cert.cert_file + ";\n    ssl_certificate_key " + cert.key_file +
           ";\n" + common + "  }\n";
  };
  return "master_process off;\n"
         "pid " +
         p +
         "/nginx.pid;\n"
         "error_log " +
         p +
         "/error.log warn;\n"
         "events { worker_connections 1024; }\n"
         "http {\n"
         "  default_type application/octet-stream;\n"
         "  log_format pinset '$request_uri $status $server_protocol $connection "
         "$body_bytes_sent';\n"
         "  access_log " +
         p +
         "/access.log pinset;\n"
         "  client_body_temp_path " +
         p +
         "/tmp/body;\n"
         "  proxy_temp_path " +
         p +
         "/tmp/proxy;\n"
         "  fastcgi_temp_path " +
         p +
         "/tmp/fastcgi;\n"
         "  uwsgi_temp_path " +
         p +
         "/tmp/uwsgi;\n"
         "  scgi_temp_path " +
         p +
         "/tmp/scgi;\n"
         "  sendfile on;\n"
         "  keepalive_requests 100000;\n"
         "  ssl_protocols TLSv1.2 TLSv1.3;\n" +
         tls_server(m_https_port, m_ip_cert) +
         "  server {\n    listen 127.0.0.1:" + std::to_string(m_http_port) + ";\n" + common +
         "  }\n" + tls_server(m_wrong_name_port, m_other_cert) +
         tls_server(m_expired_port, m_expired_cert) + "}\n";
}

bool NginxFixture::try_start() {
  m_https_port = free_port();
  m_http_port = free_port();
  m_wrong_name_port = free_port();
  m_expired_port = free_port();
  const std::string& p = m_dir.path();
  {
    std::ofstream f(p + "/nginx.conf");
    f << config();
  }
  // Everything the child needs is built before fork(): after it only async-signal-safe calls.
  std::vector<std::string> args = {
      k_nginx, "-p", p + "/", "-c", p + "/nginx.conf", "-e", p + "/error.log", "-g", "daemon off;"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string out_file = p + "/stdout.log";
  pid_t parent = getpid();

  m_pid = fork();
  if (m_pid < 0) throw std::runtime_error("fork failed");
  if (m_pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl()
    int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }

  auto deadline = std::chrono::steady_clock::now() + k_start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      if (error_log().find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("nginx exited at start: " + error_log() +
                               read_file(p + "/stdout.log"));
    }
    if (accepts(m_https_port) && accepts(m_http_port) && accepts(m_wrong_name_port) &&
        accepts(m_expired_port)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop();
  throw std::runtime_error("nginx did not accept connections within 10 s: " + error_log());
}

void NginxFixture::stop() {
  if (m_pid <= 0) return;
  // Nothing to save: the folder goes with the fixture.
  kill(m_pid, SIGKILL);
  int status = 0;
  while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
  m_pid = -1;
}

}  // namespace pinset::test
