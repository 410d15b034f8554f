#include "core/app/report.hpp"

#include <cstdlib>
#include <memory>
#include <optional>

#include "core/app/remote_documents.hpp"
#include "core/app/resolve_project.hpp"
#include "core/net/fetcher.hpp"
#include "core/report/cyclonedx.hpp"
#include "core/report/spdx.hpp"
#include "core/store/cache.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {

namespace {}  // namespace

Result<ReportInputs> load_report_inputs(fs::FileSystem& fs, const ReportOptions& options) {
  auto project = load_project(fs, options.manifest_path);
  if (!project) return fail(project.error());
  if (!fs.exists(project->lock_path)) {
    return fail(codes::lock_missing,
                "pinset " + options.command + " reports on " + project->lock_path +
                    ", which does not exist",
                Location{project->lock_path},
                "run `pinset resolve` to create it, and commit it with the manifest");
  }
  SetAccess lazy(options.cache_dir, options.fetch, options.fetchers);
  ResolveOptions ropts;
  ropts.manifest_path = options.manifest_path;
  ropts.locked = true;
  ropts.write_lock = false;
  ropts.remote = options.remote != nullptr ? options.remote : &lazy;
  auto outcome = resolve_project(fs, ropts);
  if (!outcome) return fail(outcome.error());
  if (outcome->problem) {
    return fail(codes::lock_stale,
                outcome->project.lock_path + " is out of date: " + outcome->project.manifest_path +
                    " no longer resolves against its package set",
                Location{outcome->project.lock_path},
                "run `pinset resolve` to see why, fix the manifest, and commit the new lock");
  }
  ReportInputs inputs;
  inputs.project = std::move(outcome->project);
  inputs.set = std::move(outcome->set);
  inputs.lock = std::move(*outcome->previous);
  return inputs;
}

std::string make_sbom(const ReportInputs& inputs, SbomFormat format, std::time_t when,
                      const std::string& tool_version) {
  report::SbomOptions options{rfc3339_utc(when), tool_version};
  return format == SbomFormat::cyclonedx ? report::write_cyclonedx(inputs.input(), options)
                                         : report::write_spdx(inputs.input(), options);
}

std::string rfc3339_utc(std::time_t when) {
  return dates::format_timestamp(static_cast<std::int64_t>(when));
}

Result<std::time_t> report_time(const char* source_date_epoch, std::time_t now) {
  if (source_date_epoch == nullptr) return now;
  std::string_view text(source_date_epoch);
  bool digits = !text.empty() && text.size() <= 12 &&
                text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits) {
    return fail(codes::invalid_source_date_epoch,
                "SOURCE_DATE_EPOCH is " + quote(text) +
                    ", not a number of seconds since 1970-01-01T00:00:00Z",
                {}, "set it to a whole number such as 1767225600, or unset it");
  }
  return static_cast<std::time_t>(std::stoll(std::string(text)));
}

}  // namespace pinset::app
