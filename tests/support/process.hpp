#pragma once
// Test helpers: running a program and capturing its output; per-test temporary folders.

#include <map>
#include <string>
#include <vector>

namespace pinset::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
  long max_rss_kib = 0;  // the process's peak resident memory (getrusage's ru_maxrss)
};

// Runs `program` with `args` in `cwd` (if not empty), with extra environment variables `env` and
// `stdin_text` on standard input. Waits for it and captures stdout and stderr.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& cwd = "",
                          const std::map<std::string, std::string>& env = {},
                          const std::string& stdin_text = "");

// Starts `program` with `args` in `cwd` (with `env` added; output discarded) and returns at once.
// The caller waits for (or kills) the returned pid.
int spawn_process(const std::string& program, const std::vector<std::string>& args,
                  const std::string& cwd, const std::map<std::string, std::string>& env = {});

// Runs the pinset binary built with the tests.
ProcessResult run_pinset(const std::vector<std::string>& args, const std::string& cwd = "",
                         const std::map<std::string, std::string>& env = {});

// A fresh folder under $TMPDIR (or /tmp), removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }
  // Writes `content` to path()/relative (creating folders); returns the full path.
  std::string write(const std::string& relative, const std::string& content) const;
  std::string read(const std::string& relative) const;
  bool exists(const std::string& relative) const;

 private:
  std::string m_path;
};

// Reads a whole file; empty string when it cannot be read.
std::string read_file(const std::string& path);

// The source tree and the test data folder.
std::string source_dir();
std::string data_dir();

}  // namespace pinset::test
