#include "core/app/install.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "core/app/artifact_urls.hpp"
#include "core/app/install_layout.hpp"
#include "core/app/install_noop.hpp"
#include "core/app/install_target.hpp"
#include "core/app/lock_changes.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/remote_documents.hpp"
#include "core/app/verify.hpp"
#include "core/crypto/digest.hpp"
#include "core/fs/file_lock.hpp"
#include "core/store/tree_link.hpp"
#include "core/util/dates.hpp"
#include "core/util/task_pool.hpp"

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

const model::Entry* entry_for(const model::PackageSet& set, const model::LockedPackage& locked) {
  const model::Package* pkg = set.find(locked.name);
  if (pkg == nullptr) return nullptr;
  for (const auto& e : pkg->entries) {
    if (e.version == locked.version && e.checksum == locked.checksum) return &e;
  }
  return nullptr;
}

// `lock_digest`: the sha256 of write_lock(resolution.lock). `trees` gets the stored tree found
// for each planned package (its receipt read once, here).
Result<InstallPlan> make_plan(const fs::FileSystem& fs, const ResolveOutcome& resolution,
                              const std::string& prefix, const std::optional<InstallState>& state,
                              const store::Cache& cache, const InstallOptions& options,
                              const std::string& layout_name, const std::string& lock_digest,
                              std::vector<std::optional<store::Tree>>& trees) {
  InstallPlan plan;
  plan.prefix = prefix;
  const model::Lock& lock = resolution.lock;
  for (const auto& locked : lock.packages) {
    PlannedPackage p;
    TRY_ASSIGN(p, locked_entry(lock, locked, resolution.project, resolution.set.location));
    if (const model::Entry* e = entry_for(resolution.set.set, locked)) {
      p.size = e->size;
      p.strip_components = e->strip_components;
    }
    const InstalledPackage* installed = nullptr;
    if (state) {
      auto it = state->packages.find(p.key);
      if (it != state->packages.end()) installed = &it->second;
    }
    if (installed && installed->version != p.version) p.previous = installed->version;
    if (options.clean) {
      // `pinset ci` trusts no stored tree: each is re-derived from the verified archive (read from
      // the cache, which checks its digest, or downloaded again) and repaired when it differs.
      p.rederive = true;
      p.source = cache.has_object(p.checksum) ? Source::cache : Source::download;
      plan.packages.push_back(std::move(p));
      trees.push_back(std::nullopt);
      continue;
    }
    std::optional<store::Tree> tree = cache.find_tree(p.checksum, p.strip_components);
    // `install` notices a stored tree edited through a hard link (one stat per file; a tree
    // stored by an older pinset is hashed once), and rebuilds it.
    if (tree) {
      store::StampCheck check = cache.check_tree(p.checksum, p.strip_components, *tree);
      if (check.result == store::StampCheck::Result::unknown) {
        p.repair = tree_damage(fs, tree->files_dir, tree->receipt);
        p.stamp_tree = p.repair.empty();
      } else if (check.result == store::StampCheck::Result::changed) {
        p.repair = check.what;
      }
    }
    if (installed && p.repair.empty() && installed->checksum == p.checksum &&
        installed->strip_components == p.strip_components) {
      p.source = Source::installed;
    } else if (tree && p.repair.empty()) {
      p.source = Source::store;
    } else {
      // A damaged tree is dropped and rebuilt when the plan is carried out.
      p.rebuild_tree = tree.has_value();
      p.source = cache.has_object(p.checksum) ? Source::cache : Source::download;
    }
    plan.packages.push_back(std::move(p));
    trees.push_back(std::move(tree));
  }
  if (state) {
    for (const auto& [name, pkg] : state->packages) {
      if (lock.find_key(name) == nullptr) plan.removals.push_back(name);
    }
  }
  plan.up_to_date =
      state && !options.clean && state->lock_digest == lock_digest && plan.removals.empty() &&
      state->layout == layout_name &&
      std::all_of(plan.packages.begin(), plan.packages.end(), [&](const PlannedPackage& p) {
        return p.source == Source::installed &&
               fs.stat(prefix + "/" + state->packages.at(p.key).folder(p.key)).kind ==
                   fs::EntryKind::directory;
      });
  return plan;
}

// Results of the fetch+extract stage, one slot per planned package, filled by worker threads.
struct Work {
  std::vector<std::optional<store::Tree>> trees;
  std::vector<std::optional<Error>> errors;
  std::vector<std::string> repaired;  // ci: "<label>: <what was wrong>"
  std::mutex mutex;
  const fs::FileSystem* fs = nullptr;  // where the cached trees are checked
};

// Extracts the stored (verified) object of `p`, streamed from its file when large; under `ci`
// (p.rederive) re-derives the tree and says what it repaired.
void extract_into_store(const store::Cache& cache, const PlannedPackage& p,
                        const archive::Limits& limits, Work& work, std::size_t index) {
  Result<store::Tree> tree = fail(codes::internal, "");
  std::string repaired;
  if (p.rederive) {
    auto damage = [&work](const std::string& root, const archive::Receipt& receipt) {
      return tree_damage(*work.fs, root, receipt);
    };
    auto rederived = cache.rederive_tree_from_object(p.checksum, p.strip_components, label_of(p),
                                                     limits, damage);
    if (rederived) {
      repaired = std::move(rederived->repaired);
      tree = std::move(rederived->tree);
    } else {
      tree = fail(rederived.error());
    }
  } else {
    tree = cache.put_tree_from_object(p.checksum, p.strip_components, label_of(p), limits);
  }
  std::lock_guard<std::mutex> lock(work.mutex);
  if (!repaired.empty()) work.repaired.push_back(label_of(p) + ": " + repaired);
  if (tree) {
    work.trees[index] = std::move(*tree);
  } else {
    Error e = tree.error();
    e.message = "cannot unpack " + label_of(p) + ": " + e.message;
    work.errors[index] = std::move(e);
  }
}

// `planned`: the stored trees make_plan found, one per planned package.
Status fetch_and_extract(const InstallPlan& plan, const store::Cache& cache,
                         const InstallOptions& options, const std::optional<InstallState>& state,
                         std::vector<std::optional<store::Tree>>& planned, InstallOutcome& outcome,
                         Work& work) {
  std::size_t n = plan.packages.size();
  work.trees.assign(n, std::nullopt);
  work.errors.assign(n, std::nullopt);
  std::vector<std::size_t> downloads;
  std::uint64_t planned_bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const PlannedPackage& p = plan.packages[i];
    if (p.rebuild_tree) cache.drop_tree(p.checksum, p.strip_components);
    if (p.source == Source::download) {
      if (options.offline) {
        work.errors[i] = Error(codes::offline_miss,
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
        // The tree make_plan found, if it is still there (its receipt was read then).
        std::optional<store::Tree> tree = std::move(planned[i]);
        if (tree && !cache.has_tree(p.checksum, p.strip_components)) tree.reset();
        if (tree) {
          if (p.stamp_tree) cache.write_stamps(p.checksum, p.strip_components, *tree);
          work.trees[i] = std::move(*tree);
        } else if (p.source == Source::installed && state) {
          // Not in the store (the cache was cleared): link from the live install instead.
          const auto& installed = state->packages.at(p.key);
          work.trees[i] =
              store::Tree{plan.prefix + "/" + installed.folder(p.key), installed.receipt};
        } else {
          work.errors[i] =
              Error(codes::corrupt_cache,
                    "the cached tree of " + label_of(p) + " disappeared during the install", {},
                    "run the install again");
        }
      } else if (p.source == Source::cache) {
        pool.submit([&, i] {
          const PlannedPackage& q = plan.packages[i];
          if (auto ok = cache.check_object(q.checksum); !ok) {
            std::lock_guard<std::mutex> lock(work.mutex);
            work.errors[i] = ok.error();
            return;
          }
          extract_into_store(cache, q, options.limits, work, i);
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
      auto fetcher = net::make_fetcher(options.fetchers, fetch_options);
      std::vector<net::FetchRequest> requests;
      for (std::size_t i : downloads) {
        const PlannedPackage& p = plan.packages[i];
        net::FetchRequest r;
        r.url = p.url;
        r.expected = p.checksum;
        r.exact_size = p.size;
        r.label = label_of(p);
        r.spool_dir = cache.root() + "/tmp";  // bodies go to disk, not memory
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
        outcome.downloaded_bytes += result->size;
        if (options.observer) options.observer->fetched(label_of(p), result->size);
        auto got = std::make_shared<net::FetchResult>(std::move(*result));
        pool.submit([&, i, got] {
          const PlannedPackage& q = plan.packages[i];
          auto stored = got->file.empty() ? cache.put_object(q.checksum, got->body)
                                          : cache.adopt_object(q.checksum, got->file);
          if (!stored) {
            std::lock_guard<std::mutex> lock(work.mutex);
            work.errors[i] = stored.error();
            return;
          }
          extract_into_store(cache, q, options.limits, work, i);
        });
      });
    }
    pool.wait();
  }
  for (const PlannedPackage& p : plan.packages) {
    if (!p.repair.empty()) outcome.repaired.push_back(label_of(p) + ": " + p.repair);
  }
  outcome.repaired.insert(outcome.repaired.end(), work.repaired.begin(), work.repaired.end());
  std::sort(outcome.repaired.begin(), outcome.repaired.end());
  ErrorList errors;
  for (auto& e : work.errors) {
    if (e) errors.add(std::move(*e));
  }
  if (!errors.empty()) {
    std::size_t count = errors.size();
    Error combined = std::move(errors).combine(
        codes::install_failed,
        std::to_string(count) + " packages could not be installed; nothing was changed", {});
    if (count > 1 && combined.hint.empty()) {
      combined.hint =
          "fix the causes above and run the install again; what was downloaded is cached";
    }
    return fail(std::move(combined));
  }
  return {};
}

Result<std::string> build_staging(fs::FileSystem& fs, const fs::InstallFolder& dir,
                                  const InstallPlan& plan, const ResolveOutcome& resolution,
                                  layout::Kind kind, Work& work, const InstallOptions& options,
                                  InstallOutcome& outcome, const std::string& lock_digest,
                                  std::vector<std::string>& package_folders) {
  const model::Lock& lock = resolution.lock;
  auto made = dir.make_staging();
  if (!made) return fail(made.error());
  const std::string& staging = *made;
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
    dir.remove_staging(staging);
    return fail(std::move(staged.error()));
  }
  outcome.layout_notes = staged->notes;
  package_folders = staged->package_paths;
  InstallState state;
  state.lock_digest = lock_digest;
  state.layout = std::string(layout::descriptor(kind).name);
  state.layout_entries = std::move(staged->entries);
  for (std::size_t i = 0; i < plan.packages.size(); ++i) {
    const PlannedPackage& p = plan.packages[i];
    state.packages[p.key] = InstalledPackage{p.version, p.checksum, p.strip_components,
                                             work.trees[i]->receipt, staged->package_paths[i]};
  }
  if (auto ok =
          fs.write_atomic(staging + "/" + std::string(k_state_file), write_install_state(state));
      !ok) {
    dir.remove_staging(staging);
    return fail(codes::io,
                "cannot write the install state in " + staging + ": " + ok.error().message,
                Location{staging}, "check the free space of the install folder's filesystem");
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
  // Where the install goes, reached without following a symbolic link; refused up front when it
  // is the project, the current folder, the root or one of their ancestors.
  auto target = open_install_target(fs, *project, options.prefix, outcome.layout, !options.dry_run);
  if (!target) return fail(target.error());
  const std::string prefix = target->dir->path();

  std::optional<fs::FileLock> project_lock;
  if (!options.dry_run) {
    static InstallObserver* s_observer = nullptr;
    s_observer = options.observer;
    auto lock = target->dir->lock(true, [](const std::string& path) {
      if (s_observer) s_observer->waiting_for_lock(path);
    });
    if (!lock) return fail(lock.error());
    project_lock.emplace(std::move(*lock));
    target->dir->remove_leftovers();
    fs::remove_stale_temporaries(project->lock_path);  // a lock write that was killed
  }
  auto cache_root = store::Cache::root_or_default(options.cache_dir);
  if (!cache_root) return fail(cache_root.error());
  const StampKey stamp_key = app::stamp_key(fs, options, prefix, outcome.layout, *cache_root);
  const std::int64_t now = options.now ? *options.now : dates::system_now();
  // Nothing changed since the last install: say so without reading the set or the tree. ci
  // rebuilds whatever the stamp says, --refresh asks for the set again, a dry run prints a plan.
  if (!options.dry_run && !options.clean && !options.refresh) {
    auto noop =
        noop_from_stamp(fs, *target->dir, options, *project, stamp_key, now, outcome.stamp_note);
    if (noop) return std::move(*noop);
  }
  // Only a folder pinset made (holding nothing else) or an empty one is ever replaced.
  auto state = read_install_state(fs, prefix);
  if (!state) return fail(state.error());
  auto foreign_folders = check_replaceable(*target, *state);
  if (!foreign_folders) return fail(foreign_folders.error());

  auto cache = store::Cache::open(*cache_root);
  if (!cache) return fail(cache.error());

  std::unique_ptr<net::Fetcher> set_fetcher;
  if (!options.offline) set_fetcher = net::make_fetcher(options.fetchers, options.fetch);
  CachedRemoteDocuments remote(set_fetcher.get(), &*cache, options.offline, options.refresh);
  // What the resolution reads is recorded for the stamp this install ends with.
  InputRecorder inputs(fs, &remote);
  ResolveOptions ropts;
  ropts.manifest_path = options.manifest_path;
  ropts.locked = options.locked;
  ropts.write_lock = false;
  ropts.remote = inputs.remote();
  ropts.mirrors = options.mirrors;
  ropts.now = now;
  auto resolution = resolve_project(inputs.fs(), ropts);
  if (!resolution) return fail(resolution.error());
  outcome.resolution = std::move(*resolution);
  if (outcome.resolution.problem) return outcome;
  if (outcome.resolution.previous) {
    // A lock whose artifact changed under the same version is never rewritten silently.
    auto swaps = describe_artifact_swaps(*outcome.resolution.previous, outcome.resolution.lock,
                                         outcome.resolution.project.lock_path);
    auto& warnings = outcome.resolution.warnings;
    warnings.insert(warnings.end(), swaps.begin(), swaps.end());
  }

  // The lock as it is written, once: its digest decides "up to date" and goes into the state.
  const std::string lock_text = model::write_lock(outcome.resolution.lock);
  const std::string lock_digest = crypto::sha256(lock_text).str();
  std::vector<std::optional<store::Tree>> trees;
  auto plan = make_plan(fs, outcome.resolution, prefix, *state, *cache, options, outcome.layout,
                        lock_digest, trees);
  if (!plan) return fail(plan.error());
  outcome.plan = std::move(*plan);
  outcome.plan.package_count = outcome.plan.packages.size();
  outcome.plan.removed_folders = std::move(*foreign_folders);
  bool lock_needs_write = !outcome.resolution.previous || !outcome.resolution.changes.empty();
  if (options.dry_run) return outcome;

  if (!outcome.plan.up_to_date) {
    Work work;
    work.fs = &fs;
    if (auto ok = fetch_and_extract(outcome.plan, *cache, options, *state, trees, outcome, work);
        !ok) {
      return fail(ok.error());
    }
    std::vector<std::string> package_folders;
    auto staging = build_staging(fs, *target->dir, outcome.plan, outcome.resolution, *layout_kind,
                                 work, options, outcome, lock_digest, package_folders);
    if (!staging) return fail(staging.error());
    bool had_previous = false;
    if (auto ok = target->dir->swap_in(*staging, had_previous); !ok) return fail(ok.error());
    // The lock must describe the tree in place: when it cannot be written, the previous tree goes
    // back, so a failed install changes nothing.
    if (lock_needs_write && !options.locked) {
      auto written = fs.write_atomic(outcome.resolution.project.lock_path, lock_text);
      if (!written) {
        target->dir->swap_back(*staging, had_previous);
        return fail(written.error());
      }
      outcome.resolution.lock_written = true;
      inputs.wrote(outcome.resolution.project.lock_path, lock_text);
    }
    if (had_previous) target->dir->remove_staging(*staging);  // the previous install
    outcome.installed = true;
    record_install_stamp(*target->dir, outcome, stamp_key, inputs, *cache, package_folders, now);
    return outcome;
  }
  if (lock_needs_write && !options.locked) {
    auto written = fs.write_atomic(outcome.resolution.project.lock_path, lock_text);
    if (!written) return fail(written.error());
    outcome.resolution.lock_written = true;
    inputs.wrote(outcome.resolution.project.lock_path, lock_text);
  }
  std::vector<std::string> package_folders;
  for (const auto& [key, installed] : (*state)->packages)
    package_folders.push_back(installed.folder(key));
  record_install_stamp(*target->dir, outcome, stamp_key, inputs, *cache, package_folders, now);
  return outcome;
}

}  // namespace pinset::app
