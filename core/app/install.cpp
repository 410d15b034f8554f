#include "core/app/install.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc, _GNU_SOURCE)
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/app/install_layout.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/remote_documents.hpp"
#include "core/app/task_pool.hpp"
#include "core/app/verify.hpp"
#include "core/crypto/digest.hpp"
#include "core/fs/file_lock.hpp"
#include "core/store/tree_link.hpp"

namespace pinset::app {

namespace stdfs = std::filesystem;

std::string install_prefix(const Project& project, const std::string& prefix,
                           const std::string& layout) {
  if (!prefix.empty()) return prefix;
  std::string dir = project.manifest.install_dir;
  if (dir.empty()) {
    auto kind = project_layout(project, layout);
    dir = kind ? std::string(layout::descriptor(*kind).default_dir) : k_default_install_dir;
  }
  return project.dir == "." ? dir : project.dir + "/" + dir;
}

Result<std::optional<InstallState>> read_install_state(const fs::FileSystem& fs,
                                                       const std::string& prefix) {
  std::string path = prefix + "/" + std::string(k_state_file);
  if (!fs.exists(path)) return std::optional<InstallState>();
  auto text = fs.read(path, 1u << 30);
  if (!text) return fail(text.error());
  auto state = parse_install_state(*text, path);
  if (!state) return fail(state.error());
  return std::optional<InstallState>(std::move(*state));
}

namespace {

std::string label_of(const PlannedPackage& p) {
  return p.name + " " + p.version.str();
}

// The URL an artifact is fetched from: lock URLs relative to the project become file:// URLs.
Result<std::string> fetch_url(const std::string& lock_url, const Project& project) {
  auto where = locate(lock_url, project.dir);
  if (!where) return fail(where.error());
  if (where->scheme == Scheme::http || where->scheme == Scheme::https) return where->text;
  return "file://" + stdfs::absolute(where->text).lexically_normal().string();
}

const model::Entry* entry_for(const model::PackageSet& set, const model::LockedPackage& locked) {
  const model::Package* pkg = set.find(locked.name);
  if (pkg == nullptr) return nullptr;
  for (const auto& e : pkg->entries) {
    if (e.version == locked.version && e.checksum == locked.checksum) return &e;
  }
  return nullptr;
}

Result<InstallPlan> make_plan(const ResolveOutcome& resolution, const std::string& prefix,
                              const std::optional<InstallState>& state, const store::Cache& cache,
                              const InstallOptions& options, const std::string& layout_name) {
  InstallPlan plan;
  plan.prefix = prefix;
  const model::Lock& lock = resolution.lock;
  for (const auto& locked : lock.packages) {
    PlannedPackage p;
    p.name = locked.name;
    p.version = locked.version;
    p.checksum = locked.checksum;
    // Mirrors rewrite where the bytes come from, never what they must be (the lock's checksum).
    auto url = fetch_url(apply_mirrors(locked.url, resolution.project.manifest.mirrors),
                         resolution.project);
    if (!url) return fail(url.error());
    p.url = *url;
    if (const model::Entry* e = entry_for(resolution.set.set, locked)) {
      p.size = e->size;
      p.strip_components = e->strip_components;
    }
    const InstalledPackage* installed = nullptr;
    if (state) {
      auto it = state->packages.find(p.name);
      if (it != state->packages.end()) installed = &it->second;
    }
    if (installed && installed->version != p.version) p.previous = installed->version;
    std::optional<store::Tree> tree;
    if (installed && !options.clean && installed->checksum == p.checksum &&
        installed->strip_components == p.strip_components) {
      p.source = Source::installed;
    } else if ((tree = cache.find_tree(p.checksum, p.strip_components)) &&
               (!options.clean || tree_intact(tree->files_dir, tree->receipt))) {
      // `pinset ci` re-checks cached trees: an edit made through a hard link changes the cache too.
      p.source = Source::store;
    } else if (tree && options.dry_run) {
      p.source = Source::cache;  // a damaged tree would be rebuilt from the cached object
    } else if (cache.has_object(p.checksum)) {
      if (tree) cache.drop_tree(p.checksum, p.strip_components);
      p.source = Source::cache;
    } else {
      if (tree && !options.dry_run) cache.drop_tree(p.checksum, p.strip_components);
      p.source = Source::download;
    }
    plan.packages.push_back(std::move(p));
  }
  if (state) {
    for (const auto& [name, pkg] : state->packages) {
      if (lock.find(name) == nullptr) plan.removals.push_back(name);
    }
  }
  std::string digest = crypto::sha256(model::write_lock(lock)).str();
  plan.up_to_date =
      state && !options.clean && state->lock_digest == digest && plan.removals.empty() &&
      state->layout == layout_name &&
      std::all_of(plan.packages.begin(), plan.packages.end(), [&](const PlannedPackage& p) {
        return p.source == Source::installed &&
               stdfs::is_directory(prefix + "/" + state->packages.at(p.name).folder(p.name));
      });
  return plan;
}

// Results of the fetch+extract stage, one slot per planned package, filled by worker threads.
struct Work {
  std::vector<std::optional<store::Tree>> trees;
  std::vector<std::optional<Error>> errors;
  std::mutex mutex;
};

void extract_into_store(const store::Cache& cache, const PlannedPackage& p, std::string body,
                        const archive::Limits& limits, Work& work, std::size_t index) {
  auto tree = cache.put_tree(p.checksum, p.strip_components, body, label_of(p), limits);
  std::lock_guard<std::mutex> lock(work.mutex);
  if (tree) {
    work.trees[index] = std::move(*tree);
  } else {
    Error e = tree.error();
    e.message = "cannot unpack " + label_of(p) + ": " + e.message;
    work.errors[index] = std::move(e);
  }
}

Status fetch_and_extract(const InstallPlan& plan, const store::Cache& cache,
                         const InstallOptions& options, const std::optional<InstallState>& state,
                         InstallOutcome& outcome, Work& work) {
  std::size_t n = plan.packages.size();
  work.trees.assign(n, std::nullopt);
  work.errors.assign(n, std::nullopt);
  std::vector<std::size_t> downloads;
  std::uint64_t planned_bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const PlannedPackage& p = plan.packages[i];
    if (p.source == Source::download) {
      if (options.offline) {
        work.errors[i] = Error("offline-miss",
                               label_of(p) +
                                   " is not in the cache, and --offline forbids "
                                   "downloading it from " +
                                   quote(p.url),
                               {}, "run once without --offline to fill the cache");
        continue;
      }
      downloads.push_back(i);
      planned_bytes += p.size.value_or(0);
    }
  }
  if (options.observer) options.observer->planned(downloads.size(), planned_bytes);
  {
    TaskPool pool(options.workers);
    for (std::size_t i = 0; i < n; ++i) {
      const PlannedPackage& p = plan.packages[i];
      if (p.source == Source::store || p.source == Source::installed) {
        auto tree = cache.find_tree(p.checksum, p.strip_components);
        if (tree) {
          work.trees[i] = std::move(*tree);
        } else if (p.source == Source::installed && state) {
          // Not in the store (the cache was cleared): link from the live install instead.
          const auto& installed = state->packages.at(p.name);
          work.trees[i] =
              store::Tree{plan.prefix + "/" + installed.folder(p.name), installed.receipt};
        } else {
          work.errors[i] =
              Error("corrupt-cache",
                    "the cached tree of " + label_of(p) + " disappeared during the install", {},
                    "run the install again");
        }
      } else if (p.source == Source::cache) {
        pool.submit([&, i] {
          const PlannedPackage& q = plan.packages[i];
          auto body = cache.read_object(q.checksum, std::size_t(options.fetch.default_max_bytes));
          if (!body) {
            std::lock_guard<std::mutex> lock(work.mutex);
            work.errors[i] = body.error();
            return;
          }
          extract_into_store(cache, q, std::move(*body), options.limits, work, i);
        });
      }
    }
    if (!downloads.empty()) {
      net::FetchOptions fetch_options = options.fetch;
      std::vector<std::uint64_t> received(downloads.size(), 0);
      std::uint64_t total = 0;
      if (options.observer) {
        fetch_options.on_progress = [&](const net::Progress& progress) {
          total += progress.received - std::min(received[progress.index], progress.received);
          received[progress.index] = progress.received;
          options.observer->bytes(total);
        };
      }
      auto fetcher = net::make_curl_fetcher(fetch_options);
      std::vector<net::FetchRequest> requests;
      for (std::size_t i : downloads) {
        const PlannedPackage& p = plan.packages[i];
        net::FetchRequest r;
        r.url = p.url;
        r.expected = p.checksum;
        r.exact_size = p.size;
        r.label = label_of(p);
        requests.push_back(std::move(r));
      }
      fetcher->fetch_all(requests, [&](std::size_t k, Result<net::FetchResult> result) {
        std::size_t i = downloads[k];
        const PlannedPackage& p = plan.packages[i];
        if (!result) {
          std::lock_guard<std::mutex> lock(work.mutex);
          work.errors[i] = result.error();
          return;
        }
        ++outcome.downloaded;
        outcome.downloaded_bytes += result->body.size();
        if (options.observer) options.observer->fetched(label_of(p), result->body.size());
        auto body = std::make_shared<std::string>(std::move(result->body));
        pool.submit([&, i, body] {
          const PlannedPackage& q = plan.packages[i];
          if (auto stored = cache.put_object(q.checksum, *body); !stored) {
            std::lock_guard<std::mutex> lock(work.mutex);
            work.errors[i] = stored.error();
            return;
          }
          extract_into_store(cache, q, std::move(*body), options.limits, work, i);
        });
      });
    }
    pool.wait();
  }
  ErrorList errors;
  for (auto& e : work.errors) {
    if (e) errors.add(std::move(*e));
  }
  if (!errors.empty()) {
    std::size_t count = errors.size();
    Error combined = std::move(errors).combine(
        "install-failed",
        std::to_string(count) + " packages could not be installed; nothing was changed", {});
    if (count > 1 && combined.hint.empty()) {
      combined.hint =
          "fix the causes above and run the install again; what was downloaded is cached";
    }
    return fail(std::move(combined));
  }
  return {};
}

// Swaps the staged tree in for the prefix. On success the previous install (if any) is left at
// `staging`, so that the caller can swap it back when what follows fails; `had_previous` says
// whether there was one.
Status swap_in(const std::string& staging, const std::string& prefix, bool& had_previous) {
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, prefix.c_str(), RENAME_EXCHANGE) == 0) {
    had_previous = true;
    return {};
  }
  if (errno == ENOENT && ::rename(staging.c_str(), prefix.c_str()) == 0) {
    had_previous = false;
    return {};
  }
  int err = errno;
  store::remove_tree(staging);
  return fail(
      "io", "cannot move the new install into place at " + prefix + ": " + std::strerror(err),
      Location{prefix}, "the previous install is unchanged; check the folder's permissions");
}

// Puts the previous install back after a swap_in whose follow-up failed, and removes the new tree.
void swap_back(const std::string& staging, const std::string& prefix, bool had_previous) {
  if (had_previous) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, prefix.c_str(), RENAME_EXCHANGE) == 0) {
      store::remove_tree(staging);  // now the new tree
    }
  } else {
    store::remove_tree(prefix);  // there was no install before
  }
}

void remove_leftovers(const std::string& prefix) {
  stdfs::path p(prefix);
  std::string stem = p.filename().string() + ".staging-";
  std::error_code ec;
  stdfs::path parent = p.parent_path().empty() ? "." : p.parent_path();
  for (const auto& e : stdfs::directory_iterator(parent, ec)) {
    if (e.path().filename().string().rfind(stem, 0) == 0) store::remove_tree(e.path().string());
  }
}

Result<std::string> build_staging(fs::FileSystem& fs, const InstallPlan& plan,
                                  const ResolveOutcome& resolution, layout::Kind kind, Work& work,
                                  const InstallOptions& options, InstallOutcome& outcome) {
  const model::Lock& lock = resolution.lock;
  std::string tmpl = plan.prefix + ".staging-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    return fail("io", "cannot create " + tmpl + ": " + std::strerror(errno), Location{tmpl},
                "check that the install folder's parent is writable");
  }
  std::string staging = buf.data();
  ::chmod(staging.c_str(), 0755);
  auto link_all = [&](const std::vector<std::string>& destinations) -> Status {
    std::vector<std::optional<Error>> errors(destinations.size());
    {
      TaskPool pool(options.workers);
      for (std::size_t i = 0; i < destinations.size(); ++i) {
        pool.submit([&, i] {
          auto linked = store::link_tree(*work.trees[i], destinations[i]);
          if (!linked) errors[i] = linked.error();
        });
      }
      pool.wait();
    }
    for (auto& e : errors) {
      if (e) return fail(std::move(*e));
    }
    return {};
  };
  auto staged =
      stage_layout(fs, kind, staging, resolution.project, plan.prefix, lock, work.trees, link_all);
  if (!staged) {
    store::remove_tree(staging);
    return fail(std::move(staged.error()));
  }
  outcome.layout_notes = staged->notes;
  InstallState state;
  state.lock_digest = crypto::sha256(model::write_lock(lock)).str();
  state.layout = std::string(layout::descriptor(kind).name);
  state.layout_entries = std::move(staged->entries);
  for (std::size_t i = 0; i < plan.packages.size(); ++i) {
    const PlannedPackage& p = plan.packages[i];
    state.packages[p.name] = InstalledPackage{p.version, p.checksum, p.strip_components,
                                              work.trees[i]->receipt, staged->package_paths[i]};
  }
  std::string state_dir = staging + "/" + std::string(k_state_dir);
  if ((::mkdir(state_dir.c_str(), 0755) != 0 && errno != EEXIST) ||
      !fs::real_file_system().write_atomic(staging + "/" + std::string(k_state_file),
                                           write_install_state(state))) {
    store::remove_tree(staging);
    return fail("io", "cannot write the install state in " + staging, Location{staging},
                "check the free space of the install folder's filesystem");
  }
  return staging;
}

}  // namespace

Result<InstallOutcome> install(fs::FileSystem& fs, const InstallOptions& options) {
  InstallOutcome outcome;
  auto project = load_project(fs, options.manifest_path);
  if (!project) return fail(project.error());
  auto layout_kind = project_layout(*project, options.layout);
  if (!layout_kind) return fail(layout_kind.error());
  outcome.layout = std::string(layout::descriptor(*layout_kind).name);
  std::string prefix = install_prefix(*project, options.prefix, outcome.layout);

  std::optional<fs::FileLock> project_lock;
  if (!options.dry_run) {
    static InstallObserver* s_observer = nullptr;
    s_observer = options.observer;
    auto lock = fs::FileLock::acquire(prefix + ".lock", true, [](const std::string& path) {
      if (s_observer) s_observer->waiting_for_lock(path);
    });
    if (!lock) return fail(lock.error());
    project_lock.emplace(std::move(*lock));
    remove_leftovers(prefix);
    fs::remove_stale_temporaries(project->lock_path);  // a lock write that was killed
  }

  std::string cache_dir = options.cache_dir;
  if (cache_dir.empty()) {
    auto dir = store::default_cache_dir(
        +[](const char* name) -> const char* { return std::getenv(name); });
    if (!dir) return fail(dir.error());
    cache_dir = *dir;
  }
  auto cache = store::Cache::open(cache_dir);
  if (!cache) return fail(cache.error());

  std::unique_ptr<net::Fetcher> set_fetcher;
  if (!options.offline) set_fetcher = net::make_curl_fetcher(options.fetch);
  CachedRemoteDocuments remote(set_fetcher.get(), &*cache, options.offline, options.refresh);
  ResolveOptions ropts;
  ropts.manifest_path = options.manifest_path;
  ropts.locked = options.locked;
  ropts.write_lock = false;
  ropts.remote = &remote;
  ropts.mirrors = options.mirrors;
  auto resolution = resolve_project(fs, ropts);
  if (!resolution) return fail(resolution.error());
  outcome.resolution = std::move(*resolution);
  if (outcome.resolution.problem) return outcome;

  auto state = read_install_state(fs, prefix);
  if (!state) return fail(state.error());
  auto plan = make_plan(outcome.resolution, prefix, *state, *cache, options, outcome.layout);
  if (!plan) return fail(plan.error());
  outcome.plan = std::move(*plan);
  bool lock_needs_write = !outcome.resolution.previous || !outcome.resolution.changes.empty();
  if (options.dry_run) return outcome;

  if (!outcome.plan.up_to_date) {
    Work work;
    if (auto ok = fetch_and_extract(outcome.plan, *cache, options, *state, outcome, work); !ok) {
      return fail(ok.error());
    }
    auto staging =
        build_staging(fs, outcome.plan, outcome.resolution, *layout_kind, work, options, outcome);
    if (!staging) return fail(staging.error());
    bool had_previous = false;
    if (auto ok = swap_in(*staging, prefix, had_previous); !ok) return fail(ok.error());
    // The lock must describe the tree in place: when it cannot be written, the previous tree goes
    // back, so a failed install changes nothing.
    if (lock_needs_write && !options.locked) {
      auto written = fs.write_atomic(outcome.resolution.project.lock_path,
                                     model::write_lock(outcome.resolution.lock));
      if (!written) {
        swap_back(*staging, prefix, had_previous);
        return fail(written.error());
      }
      outcome.resolution.lock_written = true;
    }
    if (had_previous) store::remove_tree(*staging);  // the previous install
    outcome.installed = true;
    return outcome;
  }
  if (lock_needs_write && !options.locked) {
    auto written = fs.write_atomic(outcome.resolution.project.lock_path,
                                   model::write_lock(outcome.resolution.lock));
    if (!written) return fail(written.error());
    outcome.resolution.lock_written = true;
  }
  return outcome;
}

}  // namespace pinset::app
