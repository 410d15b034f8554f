#include "tests/support/bad_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace pinset::test {
namespace {

constexpr std::size_t k_max_request = 64 * 1024;

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// The path of "GET /path HTTP/1.1", or "" if the request line is not of that form.
std::string request_path(const std::string& head) {
  std::size_t first = head.find(' ');
  std::size_t second = first == std::string::npos ? first : head.find(' ', first + 1);
  if (second == std::string::npos) return "";
  return head.substr(first + 1, second - first - 1);
}

}  // namespace

BadServer::BadServer() {
  m_listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (m_listen_fd < 0 || bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(m_listen_fd, 128) != 0 ||
      getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      pipe2(m_wake, O_CLOEXEC) != 0) {
    if (m_listen_fd >= 0) close(m_listen_fd);
    throw std::runtime_error("BadServer cannot listen on 127.0.0.1");
  }
  m_port = ntohs(addr.sin_port);
  m_acceptor = std::thread([this] { accept_loop(); });
}

BadServer::~BadServer() {
  char byte = 1;
  ssize_t ignored = write(m_wake[1], &byte, 1);
  (void)ignored;
  m_acceptor.join();
  // The acceptor has stopped, so no thread is added any more.
  for (std::thread& t : m_threads)
    t.join();
  close(m_listen_fd);
  close(m_wake[0]);
  close(m_wake[1]);
}

void BadServer::route(std::string path, std::vector<Response> responses) {
  std::lock_guard lock(m_mutex);
  m_routes[std::move(path)] = Route{std::move(responses), 0};
}

std::string BadServer::url(std::string_view path) const {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return "http://127.0.0.1:" + std::to_string(m_port) + "/" + std::string(path);
}

std::size_t BadServer::requests(std::string_view path) const {
  std::lock_guard lock(m_mutex);
  auto it = m_requests.find(path);
  return it == m_requests.end() ? 0 : it->second;
}

bool BadServer::wait_for(int fd, short events) const {
  pollfd fds[2] = {{fd, events, 0}, {m_wake[0], POLLIN, 0}};
  while (poll(fds, 2, -1) < 0) {
    if (errno != EINTR) return false;
  }
  return fds[1].revents == 0;
}

bool BadServer::pause(int ms) const {
  pollfd wake{m_wake[0], POLLIN, 0};
  while (poll(&wake, 1, ms) < 0) {
    if (errno != EINTR) return false;
  }
  return wake.revents == 0;
}

bool BadServer::send_all(int fd, std::string_view bytes) const {
  while (!bytes.empty()) {
    if (!wait_for(fd, POLLOUT)) return false;
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void BadServer::accept_loop() {
  while (wait_for(m_listen_fd, POLLIN)) {
    int fd = accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++m_connections;
    std::lock_guard lock(m_mutex);
    m_threads.emplace_back([this, fd] {
      serve(fd);
      close(fd);
    });
  }
}

BadServer::Response BadServer::respond_to(const std::string& path) {
  std::lock_guard lock(m_mutex);
  ++m_requests[path];
  auto it = m_routes.find(path);
  if (it == m_routes.end() || it->second.responses.empty()) return Response{404, "not found\n"};
  Route& r = it->second;
  Response out = r.responses[std::min(r.next, r.responses.size() - 1)];
  ++r.next;
  return out;
}

void BadServer::serve(int fd) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (head.size() > k_max_request || !wait_for(fd, POLLIN)) return;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    head.append(buf, static_cast<std::size_t>(n));
  }
  Response r = respond_to(request_path(head));

  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) +
                    "\r\nConnection: close\r\n";
  for (const auto& [name, value] : r.headers)
    out += name + ": " + value + "\r\n";
  std::size_t announced =
      r.mode == Mode::stall ? std::max<std::size_t>(r.body.size(), 1) : r.body.size();
  if (r.mode == Mode::long_body) announced = r.body.size() / 2;
  if (r.mode != Mode::endless && r.mode != Mode::trickle)
    out += "Content-Length: " + std::to_string(announced) + "\r\n";
  out += "\r\n";
  switch (r.mode) {
    case Mode::full:
      send_all(fd, out + r.body);
      break;
    case Mode::long_body:
      send_all(fd, out + r.body);
      break;
    case Mode::trickle: {
      if (!send_all(fd, out) || r.body.empty()) return;
      int delay = 1000 / std::max(r.rate, 1);
      for (std::size_t i = 0; pause(delay) && send_all(fd, r.body.substr(i % r.body.size(), 1));
           ++i) {
      }
      break;
    }
    case Mode::short_body:
      send_all(fd, out + r.body.substr(0, r.body.size() / 2));
      break;
    case Mode::stall:
      // Headers, then silence until the client gives up (or the server stops).
      if (!send_all(fd, out)) return;
      while (wait_for(fd, POLLIN) && recv(fd, buf, sizeof buf, 0) > 0) {
      }
      break;
    case Mode::endless: {
      if (!send_all(fd, out)) return;
      std::string chunk(16 * 1024, 'x');
      while (send_all(fd, chunk)) {
      }
      break;
    }
  }
  shutdown(fd, SHUT_WR);
}

}  // namespace pinset::test
