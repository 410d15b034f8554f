#pragma once
// Install progress on stderr: a redrawn bar on a terminal, plain lines otherwise, nothing if quiet.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "cli/environment.hpp"
#include "core/app/install.hpp"

namespace pinset::cli {

class Progress final : public app::InstallObserver {
 public:
  enum class Mode { quiet, lines, bar };
  Progress(std::ostream& err, Mode mode) : m_err(err), m_mode(mode) {}
  ~Progress() override { finish(); }
  // bar when `fd` is a terminal (and NO_COLOR/TERM=dumb do not say otherwise), else lines.
  // Bar on a terminal (unless NO_COLOR or TERM=dumb), lines elsewhere, nothing when quiet.
  static Mode mode_for(int fd, bool quiet, const Environment& env);

  void planned(std::size_t downloads, std::uint64_t bytes) override;
  void bytes(std::uint64_t received_total) override;
  void fetched(const std::string& label, std::uint64_t bytes) override;
  void waiting_for_lock(const std::string& path) override;
  void finish();

 private:
  void draw(bool force);
  std::ostream& m_err;
  Mode m_mode;
  std::size_t m_total = 0;
  std::size_t m_done = 0;
  std::uint64_t m_total_bytes = 0;
  std::uint64_t m_bytes = 0;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point m_last_draw{};
};

std::string human_bytes(std::uint64_t bytes);

}  // namespace pinset::cli
