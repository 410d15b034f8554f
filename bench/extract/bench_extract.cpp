// Extraction throughput: reads every archive given (files, or folders of *.tgz / *.tar.* / *.zip)
// into memory, then extracts each through archive::extract into a fresh folder under SCRATCH, one
// after the other on one thread, and reports wall and CPU time and MB/s (compressed and expanded).
// Each round starts from an empty SCRATCH; removing it again is not timed.
//
// Usage: pinset_bench_extract [--rounds N] [--strip N] SCRATCH ARCHIVE_OR_FOLDER...
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/archive/extractor.hpp"

namespace fs = std::filesystem;

namespace {

struct Input {
  std::string name;
  std::string bytes;
};

struct Cpu {
  double user = 0;
  double sys = 0;
};

Cpu cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return {secs(usage.ru_utime), secs(usage.ru_stime)};
}

bool is_archive(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.ends_with(".tgz") || name.find(".tar") != std::string::npos || name.ends_with(".zip");
}

void load(const fs::path& path, std::vector<Input>& out) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  out.push_back({path.string(), buf.str()});
}

int usage() {
  std::fprintf(
      stderr,
      "usage: pinset_bench_extract [--rounds N] [--strip N] SCRATCH ARCHIVE_OR_FOLDER...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  pinset::archive::Options options;
  options.strip_components = 1;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--rounds" || arg == "--strip") && i + 1 < argc) {
      const int value = std::atoi(argv[++i]);
      if (arg == "--rounds") rounds = value;
      if (arg == "--strip") options.strip_components = static_cast<std::uint32_t>(value);
    } else if (arg.starts_with("--")) {
      return usage();
    } else {
      args.push_back(arg);
    }
  }
  if (args.size() < 2 || rounds < 1) return usage();
  const fs::path scratch = args[0];
  std::vector<Input> inputs;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (fs::is_directory(args[i])) {
      std::vector<fs::path> paths;
      for (const auto& entry : fs::directory_iterator(args[i])) {
        if (entry.is_regular_file() && is_archive(entry.path())) paths.push_back(entry.path());
      }
      std::sort(paths.begin(), paths.end());
      for (const auto& path : paths)
        load(path, inputs);
    } else {
      load(args[i], inputs);
    }
  }
  std::uint64_t compressed = 0;
  for (const Input& input : inputs)
    compressed += input.bytes.size();
  std::printf("%zu archives, %.1f MB compressed, %d rounds\n", inputs.size(),
              static_cast<double>(compressed) / 1e6, rounds);
  for (int round = 1; round <= rounds; ++round) {
    fs::remove_all(scratch);
    fs::create_directories(scratch);
    std::uint64_t expanded = 0;
    std::uint64_t files = 0;
    const Cpu cpu0 = cpu_seconds();
    const auto wall0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::string dest = (scratch / std::to_string(i)).string();
      fs::create_directory(dest);
      auto receipt = pinset::archive::extract(inputs[i].bytes, inputs[i].name, dest, options);
      if (!receipt) {
        std::fprintf(stderr, "error: %s\n", receipt.error().render().c_str());
        return 1;
      }
      expanded += receipt->total_bytes;
      files += receipt->files.size();
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const Cpu cpu1 = cpu_seconds();
    std::printf(
        "round %d: %.3f s wall, %.3f s user, %.3f s sys, %.1f MB expanded, %llu entries, %.0f "
        "MB/s compressed, %.0f MB/s expanded (wall)\n",
        round, wall, cpu1.user - cpu0.user, cpu1.sys - cpu0.sys,
        static_cast<double>(expanded) / 1e6, static_cast<unsigned long long>(files),
        static_cast<double>(compressed) / 1e6 / wall, static_cast<double>(expanded) / 1e6 / wall);
  }
  fs::remove_all(scratch);
  return 0;
}
