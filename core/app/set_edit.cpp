#include "core/app/set_edit.hpp"

#include "core/curate/edit.hpp"
#include "core/curate/set_writer.hpp"
#include "core/model/set_rules.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {

namespace {

Result<SetDocument> read_local(const fs::FileSystem& fs, const std::string& where) {
  auto located = locate(where, ".");
  if (!located) return fail(located.error());
  if (located->scheme == Scheme::http || located->scheme == Scheme::https) {
    return fail(codes::unsupported_scheme,
                "cannot edit " + quote(where) + ": pinset edits local set files only", {},
                "download the set, edit the file, and publish it again");
  }
  return read_set_document(fs, nullptr, where);
}

Status write(fs::FileSystem& fs, const SetDocument& doc, const model::PackageSet& set) {
  return fs.write_atomic(doc.location.text,
                         curate::write_set(set, doc::format_for(doc.location.text)));
}

Error invalid_argument(std::string message, std::string hint) {
  return Error(codes::invalid_argument, std::move(message), {}, std::move(hint));
}

}  // namespace

Result<SetEditOutcome> add_to_set(fs::FileSystem& fs, SetAccess& access,
                                  const SetAddOptions& options) {
  if (auto ok = model::check_package_name(options.name); !ok) return fail(ok.error());
  auto doc = read_local(fs, options.set);
  if (!doc) return fail(doc.error());
  // Versions and ranges are read in the set's own versioning (`2026b` in a debian set).
  const semver::Scheme scheme = doc->set.versioning;
  auto version = semver::Version::parse(options.version, scheme);
  if (!version) return fail(version.error());
  if (auto ok = model::check_url(options.url); !ok) return fail(ok.error());
  std::vector<curate::NewDependency> deps;
  for (const std::string& spec : options.deps) {
    std::size_t eq = spec.find('=');
    if (eq == std::string::npos) {
      return fail(invalid_argument("invalid --dep " + quote(spec) + ": it has no \"=\"",
                                   "write --dep NAME=RANGE, e.g. --dep libfoo='^2.1.0'"));
    }
    auto range = semver::Range::parse(spec.substr(eq + 1), scheme);
    if (!range) return fail(range.error());
    deps.push_back(curate::NewDependency{spec.substr(0, eq), std::move(*range)});
  }
  model::Entry entry;
  entry.version = *version;
  entry.url = options.url;
  entry.license = options.license;
  entry.strip_components = options.strip_components.value_or(0);
  if (!options.vetted_by.empty() || !options.ticket.empty() || !options.criteria.empty()) {
    if (options.vetted_by.empty() || options.ticket.empty()) {
      return fail(invalid_argument(
          options.vetted_by.empty() ? "--ticket and --criteria need --vetted-by"
                                    : "--vetted-by needs --ticket (the review's reference)",
          "record a review with --vetted-by WHO --ticket T [--criteria C]"));
    }
    if (auto ok = model::check_date(options.vetted_on); !ok) return fail(ok.error());
    entry.edit_extra().vetted.push_back(
        model::Vetting{options.vetted_by, options.vetted_on, options.criteria, options.ticket});
  }
  const bool from_server = options.published_at == k_published_from_server;
  if (!options.published_at.empty() && !from_server) {
    TRY(model::check_timestamp(options.published_at));
    entry.edit_extra().published_at = options.published_at;
  }
  if (!options.publisher.empty()) entry.edit_extra().publisher = options.publisher;
  // Refuse a duplicate before downloading anything.
  auto probe = curate::add_entry(doc->set, options.name, entry, deps);
  if (!probe) return fail(probe.error());

  net::FetchRequest request;
  request.url = artifact_fetch_url(doc->set, entry);
  request.label = options.name + " " + version->str();
  auto got = net::fetch_one(access.fetcher(), request);
  if (!got) return fail(got.error());
  auto cache = access.cache();
  if (!cache) return fail(cache.error());
  if (auto stored = (*cache)->put_object(got->digest, got->body); !stored) {
    return fail(stored.error());
  }
  if (from_server) {
    if (!got->last_modified) {
      return fail(Error(codes::no_last_modified,
                        "cannot record when " + options.name + " " + version->str() +
                            " was published: the server sent no Last-Modified for " +
                            quote(request.url, 200),
                        {}, "give the time itself: --published-at 2026-11-30T12:00:00Z"));
    }
    entry.edit_extra().published_at = dates::format_timestamp(*got->last_modified);
  }
  entry.checksum = got->digest;
  entry.size = got->body.size();
  auto edited = curate::add_entry(doc->set, options.name, std::move(entry), deps);
  if (!edited) return fail(edited.error());
  if (auto ok = write(fs, *doc, *edited); !ok) return fail(ok.error());
  return SetEditOutcome{doc->location.text, edited->serial, got->digest.str(), got->body.size()};
}

Result<SetEditOutcome> remove_from_set(fs::FileSystem& fs, const std::string& set,
                                       const std::string& name, const std::string& version) {
  auto doc = read_local(fs, set);
  if (!doc) return fail(doc.error());
  std::optional<semver::Version> v;
  if (!version.empty()) {
    auto parsed = semver::Version::parse(version, doc->set.versioning);
    if (!parsed) return fail(parsed.error());
    v = *parsed;
  }
  auto edited = curate::remove_entry(doc->set, name, v);
  if (!edited) return fail(edited.error());
  if (auto ok = write(fs, *doc, *edited); !ok) return fail(ok.error());
  return SetEditOutcome{doc->location.text, edited->serial, {}, 0};
}

}  // namespace pinset::app
