#include "core/app/set_validate.hpp"

#include "core/app/artifact_urls.hpp"
#include "core/app/set_checks.hpp"
#include "core/crypto/digest.hpp"
#include "core/policy/license_check.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {

namespace {

bool unreadable(const Error& e) {
  return e.code == codes::parse || e.code == codes::too_large || e.code == codes::not_found ||
         e.code == codes::io || e.code == codes::unsupported_scheme ||
         e.code == codes::invalid_url || e.code == codes::no_cache_dir ||
         e.code == codes::file_read || e.code == codes::http_status || e.code == codes::network ||
         e.code == codes::tls || e.code == codes::timeout;
}

void add_all(SetValidateOutcome& outcome, Error e) {
  std::vector<Error>& out = outcome.errors;
  outcome.omitted += e.omitted;
  if (e.causes.empty()) {
    out.push_back(std::move(e));
    return;
  }
  for (Error& c : e.causes)
    out.push_back(std::move(c));
}

std::string label_of(const model::PackageSet& set, const model::Package& p, const model::Entry& e) {
  return std::string(set.name_of(p.name)) + " " + e.version.str();
}

// A warning per entry whose license names an id the SPDX lists do not hold ("license-unknown"),
// with the nearest known id: `policy check` judges such ids only as written.
void add_license_warnings(const model::PackageSet& set, std::vector<Error>& warnings) {
  for (const model::Package& p : set.packages()) {
    for (std::size_t i = 0; i < p.entries.size(); ++i) {
      const model::Entry& e = p.entries[i];
      if (e.license.empty()) continue;
      auto unknown = policy::unknown_licenses(e.license);
      if (!unknown || unknown->empty()) continue;  // the set parser reports bad syntax
      std::string what;
      for (const auto& u : *unknown)
        what += (what.empty() ? "" : "; ") + u.message();
      std::string name(set.name_of(p.name));
      const policy::UnknownLicense& first = unknown->front();
      warnings.emplace_back(
          codes::license_unknown,
          name + " " + e.version.str() + " is licensed " + quote(e.license) + ": " + what,
          Location{set.source, e.line, 0,
                   "packages." + name + "[" + std::to_string(i) + "].license"},
          first.suggestion.empty()
              ? std::string("write SPDX ids (spdx.org/licenses), or LicenseRef-<name> for a "
                            "license the list lacks")
              : "write " + quote(first.suggestion) + " if that is the license meant");
    }
  }
}

}  // namespace

void check_artifacts(const model::PackageSet& set, SetAccess& access, SetValidateOutcome& outcome) {
  auto cache = access.cache();
  if (!cache) {
    outcome.errors.push_back(cache.error());
    return;
  }
  std::vector<net::FetchRequest> requests;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries) {
      std::string label = label_of(set, p, e);
      if ((*cache)->has_object(e.checksum)) {
        auto body = (*cache)->read_object(e.checksum, k_max_set_bytes);
        if (body && (!e.size || body->size() == *e.size)) {
          ++outcome.fetched;
          ++outcome.from_cache;
          continue;
        }
        if (body) {
          // The cached bytes match the checksum: the size recorded in the set is what is wrong.
          outcome.errors.emplace_back(
              codes::size_mismatch,
              label + " (" + artifact_fetch_url(set, e) + ") is " + std::to_string(body->size()) +
                  " bytes, but the set records " + std::to_string(*e.size),
              Location{set.source, e.line, 0, ""}, "correct the size in the set");
          ++outcome.fetched;
          continue;
        }
      }
      net::FetchRequest r;
      r.url = artifact_fetch_url(set, e);
      r.expected = e.checksum;
      r.exact_size = e.size;
      r.label = label;
      requests.push_back(std::move(r));
    }
  }
  if (requests.empty()) return;
  std::vector<std::optional<Error>> failures(requests.size());
  access.fetcher().fetch_all(requests, [&](std::size_t i, Result<net::FetchResult> result) {
    ++outcome.fetched;
    if (!result) {
      failures[i] = result.error();
      return;
    }
    if (auto stored = (*cache)->put_object(result->digest, result->body); !stored) {
      failures[i] = stored.error();
    }
  });
  for (auto& f : failures) {
    if (f) outcome.errors.push_back(std::move(*f));
  }
}

Result<SetValidateOutcome> validate_set_at(const fs::FileSystem& fs, SetAccess& access,
                                           const SetValidateOptions& options) {
  SetValidateOutcome out;
  out.source = options.set;
  auto doc = read_set_document(fs, &access, options.set);
  if (!doc) {
    if (unreadable(doc.error())) return fail(doc.error());
    add_all(out, std::move(doc.error()));
    return out;
  }
  out.source = doc->set.source;
  auto flat = flatten_layers(fs, &access, std::move(doc->set));
  if (!flat) {
    add_all(out, std::move(flat.error()));
    return out;
  }
  for (const model::Package& p : flat->packages()) {
    ++out.packages;
    out.entries += p.entries.size();
  }
  curate::Validation v = curate::validate_set(*flat);
  out.errors = std::move(v.errors);
  out.warnings = std::move(v.warnings);
  add_license_warnings(*flat, out.warnings);
  // An expired set is refused by every install; validating it must not say "valid".
  std::vector<std::string> expiry_warnings;
  if (auto fresh = check_expiry(*flat, options.now ? *options.now : dates::system_now(),
                                model::Manifest().expiry_warning_days, expiry_warnings);
      !fresh) {
    out.errors.push_back(std::move(fresh.error()));
  }
  for (std::string& w : expiry_warnings)
    out.warnings.emplace_back(codes::set_expires_soon, std::move(w));
  // URLs too long, of unknown schemes, or weaker than the set's own place: never fetched.
  if (auto ok = check_artifact_urls(*flat, doc->location); !ok) {
    add_all(out, std::move(ok.error()));
    return out;
  }
  if (options.fetch) check_artifacts(*flat, access, out);
  return out;
}

}  // namespace pinset::app
