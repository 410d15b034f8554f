#include "core/app/set_import.hpp"

#include "core/curate/set_writer.hpp"
#include "core/curate/validate.hpp"
#include "core/doc/loader.hpp"
#include "core/model/set_rules.hpp"
#include "core/net/fetcher.hpp"

namespace pinset::app {

namespace {

constexpr std::size_t k_max_pin_file_bytes = std::size_t{256} << 20;

Result<importer::ImportOptions> import_options(const SetImportOptions& o) {
  importer::ImportOptions out;
  if (!o.name.empty()) out.set_name = o.name;
  if (!o.pypi_url.empty()) out.pypi_url = o.pypi_url;
  if (!o.crate_url.empty()) {
    out.crate_url = o.crate_url;
    out.crate_url_given = true;
  }
  out.partial = o.partial;
  out.strip_components = o.strip_components;
  if (!o.dsc_url.empty()) out.dsc_url = o.dsc_url;
  if (!o.vetted_by.empty() || !o.ticket.empty() || !o.criteria.empty()) {
    if (o.vetted_by.empty() || o.ticket.empty()) {
      return fail(codes::invalid_argument,
                  o.vetted_by.empty() ? "--ticket and --criteria need --vetted-by"
                                      : "--vetted-by needs --ticket (the review's reference)",
                  Location{}, "record a review with --vetted-by WHO --ticket T [--criteria C]");
    }
    TRY(model::check_date(o.vetted_on));
    out.vetted = model::Vetting{o.vetted_by, o.vetted_on, o.criteria, o.ticket};
  }
  return out;
}

}  // namespace

Result<SetImportOutcome> import_set(fs::FileSystem& fs, SetAccess* access,
                                    const SetImportOptions& options) {
  SetImportOutcome outcome;
  if (!options.format.empty()) {
    TRY_ASSIGN(outcome.format, importer::parse_format(options.format));
  } else if (auto detected = importer::detect_format(options.file)) {
    outcome.format = *detected;
  } else {
    return fail(codes::invalid_argument,
                "cannot tell the format of " + quote(options.file) + " from its name",
                Location{options.file},
                "name it as its tool does (package-lock.json, Cargo.lock, uv.lock, "
                "pnpm-lock.yaml, yarn.lock, bom.json, x.spdx.json, x.dsc) or pass --format "
                "npm|cargo|uv|pnpm|yarn|cyclonedx|spdx|dsc");
  }
  importer::ImportOptions import;
  TRY_ASSIGN(import, import_options(options));
  if (!options.output.empty() && !options.force && fs.exists(options.output)) {
    return fail(codes::exists, options.output + " exists already", Location{options.output},
                "choose another path, or pass --force to replace it");
  }
  if (options.fetch && access != nullptr) {
    import.fill = [&](const importer::Pin& pin)
                      ->Result<importer::ImportOptions::Filled> {
                        net::FetchRequest request;
    request.url = pin.url;
    request.label = pin.name + " " + pin.version;
    net::FetchResult got;
    TRY_ASSIGN(got, net::fetch_one(access->fetcher(), request));
    const store::Cache* cache = nullptr;
    TRY_ASSIGN(cache, access->cache());
    TRY(cache->put_object(got.digest, got.body));
    ++outcome.fetched;
    return importer::ImportOptions::Filled{got.digest.str(), got.body.size()};
  };
}
std::string text;
TRY_ASSIGN(text, fs.read(options.file, k_max_pin_file_bytes));
importer::ImportResult imported;
TRY_ASSIGN(imported, importer::import_pins(text, options.file, outcome.format, import));

const doc::Format format =
    options.output.empty() ? doc::Format::yaml : doc::format_for(options.output);
outcome.text = curate::write_set(imported.set, format);
// What was written must read back as a set: the set model has the last word on every entry.
const std::string shown = options.output.empty() ? "the imported set" : options.output;
model::PackageSet reread;
TRY_ASSIGN(reread, model::parse_package_set(outcome.text, shown, format));
curate::Validation validation = curate::validate_set(reread);
outcome.unsatisfied = std::move(validation.errors);
outcome.packages = reread.packages().size();
outcome.entries = imported.entries;
outcome.skipped = std::move(imported.skipped);
outcome.refused = std::move(imported.refused);
if (!options.output.empty()) TRY(fs.write_atomic(options.output, outcome.text));
return outcome;
}  // namespace pinset::app

}  // namespace pinset::app
