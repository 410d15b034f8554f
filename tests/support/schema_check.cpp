#include "tests/support/schema_check.hpp"

#include "tests/support/process.hpp"

namespace pinset::test {

std::string schema_errors(const std::string& schema_file, const std::string& json) {
  TempDir dir;
  std::string document = dir.write("document.json", json);
  // Debian's interpreter on purpose: its python3-jsonschema is what scripts/setup installs.
  ProcessResult r =
      run_process("/usr/bin/python3", {source_dir() + "/tests/support/validate_json.py",
                                       data_dir() + "/schemas/" + schema_file, document});
  if (r.exit_code == 0 && r.out == "valid\n") return "";
  std::string report = r.out + r.err;
  return report.empty() ? "validator exited with " + std::to_string(r.exit_code) : report;
}

}  // namespace pinset::test
