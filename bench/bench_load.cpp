// pinset_bench_load [--threads=N] SET [MANIFEST]: reads and parses a package set (N as in
// SetParseOptions::threads; default 0, automatic) and, given a manifest, resolves
// its dependencies against the set, as `pinset resolve` would. Prints one JSON line of timings
// (milliseconds, wall and CPU) and peak RSS. bench/run-core runs it beside python3's json.load.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <variant>

#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"
#include "core/resolve/resolver.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double to_ms(const timeval& t) {
  return t.tv_sec * 1e3 + t.tv_usec / 1e3;
}

double cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return to_ms(usage.ru_utime) + to_ms(usage.ru_stime);
}

double sys_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return to_ms(usage.ru_stime);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// The whole file in a buffer with k_json_padding spare bytes after it, so that JSON is parsed in
// place; the buffer is not zero-filled first (that would touch 86 MB twice).
struct Text {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
  std::size_t capacity = 0;
  std::string_view view() const { return {bytes.get(), size}; }
};

bool read_padded(const std::string& path, Text& text) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
  if (ok) {
    text.size = static_cast<std::size_t>(size);
    text.capacity = text.size + pinset::model::k_json_padding;
    text.bytes.reset(new char[text.capacity]);
    std::memset(text.bytes.get() + text.size, 0, pinset::model::k_json_padding);
    ok = std::fread(text.bytes.get(), 1, text.size, f) == text.size;
  }
  std::fclose(f);
  return ok;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "pinset_bench_load: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pinset;
  unsigned threads = 0;  // as SetParseOptions::threads
  if (argc > 1 && std::string_view(argv[1]).substr(0, 10) == "--threads=") {
    threads = static_cast<unsigned>(std::stoul(argv[1] + 10));
    --argc, ++argv;
  }
  if (argc < 2 || argc > 3) return fail("usage: pinset_bench_load [--threads=N] SET [MANIFEST]");
  std::string set_path = argv[1];

  // The manifest is read first and not timed: the benchmark is about the set.
  std::vector<resolve::RootRequirement> roots;
  if (argc == 3) {
    std::string manifest_path = argv[2];
    Text text;
    if (!read_padded(manifest_path, text)) return fail("cannot read " + manifest_path);
    auto manifest =
        model::parse_manifest(text.view(), manifest_path, doc::format_for(manifest_path));
    if (!manifest) return fail(manifest.error().render());
    for (const model::RootDependency& d : manifest->dependencies) {
      roots.push_back({d.name, d.range, manifest_path + ":" + std::to_string(d.line)});
    }
  }

  double cpu0 = cpu_ms();
  double sys0 = sys_ms();
  auto t0 = Clock::now();
  Text text;
  if (!read_padded(set_path, text)) return fail("cannot read " + set_path);
  auto t1 = Clock::now();
  model::SetParseOptions options;
  options.capacity = text.capacity;
  options.threads = threads;
  auto set = model::parse_package_set(text.view(), set_path, doc::format_for(set_path), options);
  if (!set) return fail(set.error().render());
  auto t2 = Clock::now();
  double cpu_load = cpu_ms() - cpu0;
  double sys_load = sys_ms() - sys0;
  std::size_t resolved = 0;
  if (!roots.empty()) {
    auto outcome = resolve::resolve(*set, roots);
    if (auto* problem = std::get_if<resolve::Unsolvable>(&outcome)) {
      return fail(resolve::to_error(*problem).render());
    }
    resolved = std::get<resolve::Solution>(outcome).packages.size();
  }
  auto t3 = Clock::now();
  double cpu_total = cpu_ms() - cpu0;

  std::size_t entries = 0;
  for (const model::Package& p : set->packages())
    entries += p.entries.size();
  std::printf(
      "{\"read_ms\": %.1f, \"parse_ms\": %.1f, \"load_ms\": %.1f, \"resolve_ms\": %.1f, "
      "\"total_ms\": %.1f, \"load_cpu_ms\": %.1f, \"load_sys_ms\": %.1f, \"total_cpu_ms\": %.1f, "
      "\"peak_rss_mb\": %.1f, "
      "\"bytes\": %zu, \"packages\": %zu, \"entries\": %zu, \"ranges\": %zu, \"roots\": %zu, "
      "\"resolved\": %zu}\n",
      ms(t0, t1), ms(t1, t2), ms(t0, t2), ms(t2, t3), ms(t0, t3), cpu_load, sys_load, cpu_total,
      peak_rss_mb(), text.size, set->packages().size(), entries, set->range_count(), roots.size(),
      resolved);
  std::fflush(stdout);
  // Freeing the set is no part of the measurement (python's json.load is timed the same way).
  std::_Exit(0);
}
