#include "core/app/set_mirror.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/app/artifact_urls.hpp"
#include "core/app/location.hpp"
#include "core/app/project.hpp"
#include "core/app/set_trust.hpp"
#include "core/crypto/digest.hpp"
#include "core/model/package_set.hpp"
#include "core/util/strings.hpp"

namespace pinset::app {

namespace stdfs = std::filesystem;

namespace {

bool has_scheme(std::string_view url) {
  return starts_with(url, "https://") || starts_with(url, "http://") || starts_with(url, "file://");
}

// A relative path with no "..", "." or empty parts, or "" when `path` is not one.
std::string safe_relative(std::string_view path) {
  std::string out;
  for (std::string_view part : split(path, '/')) {
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string_view::npos)
      return "";
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

// Where an artifact goes under the output folder, and the URL prefix a client maps there.
struct Placement {
  std::string path;    // relative to the output folder; "" when unsafe
  std::string prefix;  // the original URL prefix to map to this place's folder; "" for none
  std::string to;      // that folder, relative to the output folder ("host/", "file/")
};

// `folder`: the set's own folder URL ("https://host/sets/") for a remote set, else "".
Placement place(const model::Entry& entry, const std::string& absolute, const std::string& folder) {
  if (!has_scheme(entry.url) && !entry.url.empty() && entry.url.front() != '/') {
    std::string rel = stdfs::path(entry.url).lexically_normal().generic_string();
    if (!starts_with(rel, "../") && rel != "..") return {safe_relative(rel), "", ""};
  }
  if (!folder.empty() && starts_with(absolute, folder)) {
    std::string_view rel = std::string_view(absolute).substr(folder.size());
    return {safe_relative(rel.substr(0, rel.find_first_of("?#"))), "", ""};
  }
  std::string_view rest = absolute;
  if (starts_with(rest, "https://") || starts_with(rest, "http://")) {
    std::size_t start = rest.find("://") + 3;
    std::size_t slash = rest.find('/', start);
    std::string host(
        rest.substr(start, slash == std::string_view::npos ? rest.npos : slash - start));
    std::string prefix = std::string(rest.substr(0, start)) + host + "/";
    rest = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    std::string path = safe_relative(rest.substr(0, rest.find_first_of("?#")));
    std::string safe_host = safe_relative(host);
    if (path.empty() || safe_host.empty() || safe_host.find('/') != std::string::npos) {
      return {"", "", ""};
    }
    return {safe_host + "/" + path, prefix, safe_host + "/"};
  }
  if (starts_with(rest, "file://")) rest.remove_prefix(7);
  while (starts_with(rest, "/"))
    rest.remove_prefix(1);
  std::string path = safe_relative(rest);
  return {path.empty() ? "" : "file/" + path, "file:///", "file/"};
}

}  // namespace

Result<SetMirrorOutcome> mirror_set(fs::FileSystem& fs, const SetMirrorOptions& options) {
  auto where = locate(options.set, ".");
  if (!where) return fail(where.error());
  bool remote = where->scheme == Scheme::http || where->scheme == Scheme::https;
  std::unique_ptr<net::Fetcher> fetcher = net::make_fetcher(options.fetchers, options.fetch);

  // The set's and the signatures' exact bytes.
  auto read = [&](const std::string& text, std::size_t max, bool optional,
                  const std::string& label) -> Result<std::optional<std::string>> {
    if (!remote) {
      if (optional && !fs.exists(text)) return std::optional<std::string>();
      auto bytes = fs.read(text, max);
      if (!bytes) return fail(bytes.error());
      return std::optional<std::string>(std::move(*bytes));
    }
    net::FetchRequest r;
    r.url = text;
    r.max_bytes = max;
    r.label = label;
    auto got = net::fetch_one(*fetcher, r);
    if (!got) {
      if (optional && net::is_not_found(got.error())) return std::optional<std::string>();
      return fail(got.error());
    }
    return std::optional<std::string>(std::move(got->body));
  };
  auto set_bytes = read(where->text, k_max_set_bytes, false, "the package set");
  if (!set_bytes) return fail(set_bytes.error());
  auto sig_bytes = read(where->text + ".sig", k_max_signature_bytes, true, "the set's signatures");
  if (!sig_bytes) return fail(sig_bytes.error());
  model::SetParseOptions parse_options;  // in place when the buffer has the parser's padding
  parse_options.capacity = (*set_bytes)->capacity();
  auto set = model::parse_package_set(**set_bytes, where->text, doc::format_for(where->text),
                                      parse_options);
  if (!set) return fail(set.error());
  // A remote set names nothing local or weaker than itself, checked before any artifact is read.
  TRY(check_artifact_urls(*set, *where));
  if (set->layered()) {
    // Its layers live in other files, with artifacts of their own: mirror the flat set instead.
    return fail(codes::layered_set,
                "the set " + where->text +
                    " extends other sets; pinset set mirror copies a flat set with every artifact",
                Location{where->text},
                "write the flat set with `pinset set flatten " + options.set +
                    " -o FLAT`, sign it, and mirror that");
  }

  SetMirrorOutcome out;
  out.set_name = set->name;
  out.serial = set->serial;
  std::string base = where->text;
  std::size_t slash = base.find_last_of('/');
  out.set_file = slash == std::string::npos ? base : base.substr(slash + 1);
  if (remote) out.mappings.push_back({base.substr(0, slash + 1), "", 0});

  // Plan: every artifact once, each with its place.
  struct Job {
    MirroredArtifact artifact;
    crypto::Checksum checksum;
    std::optional<std::uint64_t> size;
    std::string fetch_url;
  };
  std::vector<Job> jobs;
  std::map<std::string, std::size_t> by_path;
  ErrorList errors;
  for (const model::Package& pkg : set->packages()) {
    for (const model::Entry& entry : pkg.entries) {
      std::string label = std::string(set->name_of(pkg.name)) + " " + entry.version.str();
      std::string absolute = set->artifact_url(entry);
      Placement at = place(entry, absolute, remote ? out.mappings.front().from : "");
      if (at.path.empty()) {
        errors.add(Error(codes::unsafe_path,
                         "the artifact URL " + quote(entry.url) + " of " + label +
                             " does not map to a path inside the mirror folder",
                         Location{where->text, entry.line, 0, ""},
                         "fix the artifact's URL in the set"));
        continue;
      }
      if (by_path.count(at.path)) continue;
      by_path[at.path] = jobs.size();
      if (!at.prefix.empty() &&
          std::none_of(out.mappings.begin(), out.mappings.end(),
                       [&](const model::MirrorRule& r) { return r.from == at.prefix; })) {
        out.mappings.push_back({at.prefix, at.to, 0});
      }
      Job job;
      job.artifact = MirroredArtifact{label, absolute, at.path, 0, false};
      job.checksum = entry.checksum;
      job.size = entry.size;
      job.fetch_url = has_scheme(absolute)
                          ? absolute
                          : "file://" + stdfs::absolute(absolute).lexically_normal().string();
      jobs.push_back(std::move(job));
    }
  }
  if (!errors.empty()) {
    return fail(std::move(errors).combine(codes::mirror_failed,
                                          "the set " + where->text + " cannot be mirrored", {}));
  }

  // Write the set and its signatures first, byte for byte; then the artifacts.
  std::error_code ec;
  stdfs::create_directories(options.to, ec);
  if (ec) {
    return fail(codes::io, "cannot create " + options.to + ": " + ec.message(),
                Location{options.to}, "check the path and its permissions");
  }
  if (auto ok = fs.write_atomic(options.to + "/" + out.set_file, **set_bytes); !ok)
    return fail(ok.error());
  if (*sig_bytes) {
    if (auto ok = fs.write_atomic(options.to + "/" + out.set_file + ".sig", **sig_bytes); !ok)
      return fail(ok.error());
    out.signatures = true;
  }
  std::vector<net::FetchRequest> requests;
  std::vector<std::size_t> wanted;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::string target = options.to + "/" + jobs[i].artifact.path;
    if (fs.exists(target)) {
      auto have = fs.read(target, std::size_t(options.fetch.default_max_bytes));
      if (have && crypto::digest(jobs[i].checksum.algo(), *have) == jobs[i].checksum) {
        jobs[i].artifact.bytes = have->size();
        continue;  // already mirrored
      }
    }
    net::FetchRequest r;
    r.url = jobs[i].fetch_url;
    r.expected = jobs[i].checksum;
    r.exact_size = jobs[i].size;
    r.label = jobs[i].artifact.label;
    requests.push_back(std::move(r));
    wanted.push_back(i);
  }
  fetcher->fetch_all(requests, [&](std::size_t k, Result<net::FetchResult> got) {
    Job& job = jobs[wanted[k]];
    if (!got) {
      errors.add(got.error());
      return;
    }
    std::string target = options.to + "/" + job.artifact.path;
    stdfs::create_directories(stdfs::path(target).parent_path(), ec);
    if (auto ok = fs.write_atomic(target, got->body); !ok) {
      errors.add(ok.error());
      return;
    }
    job.artifact.bytes = got->body.size();
    job.artifact.downloaded = true;
  });
  if (!errors.empty()) {
    std::size_t n = errors.size();
    Error e = std::move(errors).combine(codes::mirror_failed,
                                        std::to_string(n) + " artifacts could not be mirrored", {});
    if (n > 1) e.hint = "fix the causes above and run it again; what was mirrored stays";
    return fail(std::move(e));
  }
  for (Job& job : jobs)
    out.artifacts.push_back(std::move(job.artifact));
  return out;
}

}  // namespace pinset::app
