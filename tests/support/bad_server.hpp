#pragma once
// A small plain-HTTP server on 127.0.0.1 that misbehaves on purpose, for testing how a client
// copes: endless bodies, stalls, bodies shorter than announced, failing statuses. One thread
// accepts; each connection gets its own thread, answers one request and closes.
//
//   BadServer srv;
//   srv.route("/flaky", {{.status = 503}, {.body = "ok"}});   // 503 first, then 200 "ok"
//   fetch(srv.url("flaky"));  ...  EXPECT_EQ(srv.requests("/flaky"), 2);

#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace pinset::test {

class BadServer {
 public:
  enum class Mode {
    full,        // status, Content-Length and the whole body
    endless,     // 200 without Content-Length, then body bytes until the client hangs up
    stall,       // headers announcing body.size() bytes (at least 1), then nothing at all
    short_body,  // headers announcing body.size() bytes, half of them, then close
    long_body,   // headers announcing half of body.size() bytes, then all of them
    trickle,     // 200 without Content-Length, then body bytes (repeated) at `rate` bytes/s
  };
  struct Response {
    int status = 200;
    std::string body;
    Mode mode = Mode::full;
    std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. {"Location", url}
    int rate = 4;                                              // bytes per second, for trickle
  };

  // Listens on a free loopback port. Throws std::runtime_error if it cannot.
  BadServer();
  // Wakes every connection thread (stalled and endless ones too) and joins them all.
  ~BadServer();
  BadServer(const BadServer&) = delete;
  BadServer& operator=(const BadServer&) = delete;

  // Successive requests for `path` get `responses` in order, the last one repeated. Paths
  // without a route get 404.
  void route(std::string path, std::vector<Response> responses);

  std::string url(std::string_view path) const;  // "http://127.0.0.1:<port>/<path>"
  int port() const { return m_port; }
  // Requests received for `path` (counted before answering), and connections accepted.
  std::size_t requests(std::string_view path) const;
  std::size_t connections() const { return m_connections.load(); }

 private:
  struct Route {
    std::vector<Response> responses;
    std::size_t next = 0;
  };
  void accept_loop();
  void serve(int fd);
  Response respond_to(const std::string& path);
  // Waits until `fd` has `events` or the server stops; false when stopping.
  bool wait_for(int fd, short events) const;
  // Sleeps `ms` unless the server stops; false when stopping.
  bool pause(int ms) const;
  bool send_all(int fd, std::string_view bytes) const;

  int m_listen_fd = -1;
  int m_wake[2] = {-1, -1};  // written once at shutdown; every poll() watches its read end
  int m_port = 0;
  std::atomic<std::size_t> m_connections{0};
  mutable std::mutex m_mutex;
  std::map<std::string, Route, std::less<>> m_routes;
  std::map<std::string, std::size_t, std::less<>> m_requests;
  std::vector<std::thread> m_threads;  // connection threads, guarded by m_mutex
  std::thread m_acceptor;
};

}  // namespace pinset::test
