#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pinset::cli {

std::string human_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double v = double(bytes);
  int u = 0;
  while (v >= 1000 && u < 4) {
    v /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

Progress::Mode Progress::mode_for(int fd, bool quiet, const Environment& env) {
  if (quiet) return Mode::quiet;
  if (::isatty(fd) && !env.no_color && !env.dumb_terminal) {
    return Mode::bar;
  }
  return Mode::lines;
}

void Progress::planned(std::size_t downloads, std::uint64_t bytes) {
  m_total = downloads;
  m_total_bytes = bytes;
  if (m_mode == Mode::lines && downloads > 0) {
    m_err << "downloading " << downloads << (downloads == 1 ? " package" : " packages");
    if (bytes > 0) m_err << " (" << human_bytes(bytes) << ")";
    m_err << '\n';
  }
}

void Progress::bytes(std::uint64_t received_total) {
  m_bytes = received_total;
  draw(false);
}

void Progress::fetched(const std::string& label, std::uint64_t bytes) {
  ++m_done;
  if (m_mode == Mode::lines) m_err << "fetched " << label << " (" << human_bytes(bytes) << ")\n";
  draw(true);
}

void Progress::waiting_for_lock(const std::string& path) {
  if (m_mode == Mode::quiet) return;
  m_err << "waiting for another pinset install to finish (" << path << ")\n";
}

void Progress::draw(bool force) {
  if (m_mode != Mode::bar || m_total == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - m_last_draw < std::chrono::milliseconds(100)) return;
  m_last_draw = now;
  double secs = std::chrono::duration<double>(now - m_start).count();
  constexpr int k_width = 24;
  int filled = int(k_width * double(m_done) / double(m_total));
  std::string bar(std::size_t(filled), '#');
  bar += std::string(std::size_t(k_width - filled), '.');
  m_err << "\r[" << bar << "] " << m_done << "/" << m_total << " packages, " << human_bytes(m_bytes)
        << ", " << human_bytes(std::uint64_t(secs > 0 ? double(m_bytes) / secs : 0)) << "/s   "
        << std::flush;
  m_drawn = true;
}

void Progress::finish() {
  if (m_drawn) {
    m_err << "\r\033[K" << std::flush;
    m_drawn = false;
  }
}

}  // namespace pinset::cli
