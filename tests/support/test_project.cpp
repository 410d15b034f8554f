#include "tests/support/test_project.hpp"

#include <sys/stat.h>

#include <filesystem>

#include "core/crypto/digest.hpp"
#include "tests/support/archive_builder.hpp"

namespace pinset::test {

void TestProject::write(const std::map<std::string, std::string>& roots, int serial,
                        const std::string& set_url) {
  std::string set = "format: 1\nname: testset\nserial: " + std::to_string(serial) + "\npackages:\n";
  std::map<std::string, std::vector<const TestPackage*>> by_name;
  for (const auto& p : m_packages)
    by_name[p.name].push_back(&p);
  for (const auto& [name, versions] : by_name) {
    set += "  " + name + ":\n";
    for (const TestPackage* p : versions) {
      std::string bytes = p->archive;
      if (bytes.empty()) {
        ArchiveBuilder b;
        std::string top = p->name + "-" + p->version + "/";
        b.dir(top);
        for (const auto& [path, content] : p->files)
          b.file(top + path, content);
        bytes = b.build();
      }
      std::string file = "artifacts/" + p->name + "-" + p->version + ".tgz";
      m_dir.write("set/" + file, bytes);
      std::string sum = crypto::sha256(p->wrong_checksum ? bytes + "x" : bytes).str();
      set += "    - version: " + p->version + "\n      checksum: " + sum + "\n      url: " + file +
             "\n      size: " + std::to_string(bytes.size()) +
             (p->archive.empty() ? "\n      strip-components: 1\n" : "\n");
      if (!p->dependencies.empty()) {
        set += "      dependencies:\n";
        for (const auto& [dep, range] : p->dependencies) {
          set += "        " + dep + ": \"" + range + "\"\n";
        }
      }
    }
  }
  m_dir.write("set/set.yaml", set);
  std::string manifest = "name: testapp\npackage-set:\n  url: " +
                         (set_url.empty() ? std::string("../set/set.yaml") : set_url) +
                         "\ndependencies:\n";
  for (const auto& [name, range] : roots)
    manifest += "  " + name + ": \"" + range + "\"\n";
  m_dir.write("app/pinset.yaml", manifest);
}

bool is_install_stamp(const std::string& path) {
  const std::string name = "install-stamp.json";
  std::size_t slash = path.rfind('/');
  std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string parent = slash == std::string::npos ? "" : path.substr(0, slash);
  if (parent != ".pinset" && !(parent.size() > 8 && parent.substr(parent.size() - 8) == "/.pinset"))
    return false;
  return file == name || (file.rfind(".tmp-", 0) == 0 && file.size() > name.size() &&
                          file.substr(file.size() - name.size() - 1) == "-" + name);
}

std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::string rel = std::filesystem::relative(it->path(), dir, ec).generic_string();
    if (is_install_stamp(rel)) continue;
    if (it->is_symlink()) {
      out[rel] = "l:" + std::filesystem::read_symlink(it->path(), ec).string();
    } else if (it->is_directory()) {
      out[rel] = "d";
    } else {
      struct stat st {};
      ::lstat(it->path().c_str(), &st);
      out[rel] = "f:" + read_file(it->path().string()) + "x:" + std::to_string(st.st_mode & 07777);
    }
  }
  return out;
}

}  // namespace pinset::test
