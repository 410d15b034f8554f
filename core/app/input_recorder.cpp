#include "core/app/input_recorder.hpp"

#include "core/crypto/digest.hpp"

namespace pinset::app {

struct InputRecorder::State {
  struct Document {
    std::optional<crypto::Checksum> known;  // the digest it was asked under
    bool pinned = false;                    // its bytes have that digest
    crypto::Checksum sha256;
    std::uint64_t size = 0;
  };
  std::mutex mutex;
  fs::FileSystem* inner = nullptr;
  RemoteDocuments* remote = nullptr;
  std::vector<StampInput> files;  // in the order first met
  std::vector<Document> documents;
  bool complete = true;

  StampInput* find(const std::string& path) {
    for (auto& f : files) {
      if (f.path == path) return &f;
    }
    return nullptr;
  }
  // Notes one look at `path`: what it found must agree with any earlier look.
  void note(StampInput input) {
    std::lock_guard<std::mutex> lock(mutex);
    StampInput* seen = find(input.path);
    if (seen == nullptr) {
      files.push_back(std::move(input));
    } else if (seen->present != input.present) {
      complete = false;
    } else if (input.sha256) {
      if (seen->sha256 && *seen->sha256 != *input.sha256) complete = false;
      *seen = std::move(input);  // an exists() followed by the read: the read says more
    }
  }
  void incomplete() {
    std::lock_guard<std::mutex> lock(mutex);
    complete = false;
  }
};

class InputRecorder::Files final : public fs::FileSystem {
 public:
  explicit Files(State& state) : m_state(state), m_fs(*state.inner) {}

  Result<std::string> read(const std::string& path, std::size_t max_bytes) const override {
    auto before = m_fs.file_id(path);
    auto bytes = m_fs.read(path, max_bytes);
    if (!bytes) {
      if (bytes.error().code == codes::not_found) {
        m_state.note(StampInput{path, false, std::nullopt, 0, std::nullopt});
      } else {
        m_state.incomplete();
      }
      return bytes;
    }
    auto after = m_fs.file_id(path);
    StampInput input{path, true, crypto::sha256(*bytes), bytes->size(), std::nullopt};
    // An identity that moved during the read names no one content: hash it every time.
    if (before && after && *before == *after && before->size == bytes->size()) input.id = after;
    m_state.note(std::move(input));
    return bytes;
  }
  bool exists(const std::string& path) const override {
    bool there = m_fs.exists(path);
    m_state.note(StampInput{path, there, std::nullopt, 0, std::nullopt});
    return there;
  }
  std::optional<fs::FileId> file_id(const std::string& path) const override {
    return m_fs.file_id(path);
  }
  // What a resolution does not do: forwarded, and the record is not used.
  Status write_atomic(const std::string& path, std::string_view content) override {
    m_state.incomplete();
    return m_fs.write_atomic(path, content);
  }
  fs::FileInfo stat(const std::string& path) const override {
    m_state.incomplete();
    return m_fs.stat(path);
  }
  Result<std::vector<fs::TreeEntry>> list(const std::string& dir, bool recursive) const override {
    m_state.incomplete();
    return m_fs.list(dir, recursive);
  }
  Status read_chunks(const std::string& path,
                     const std::function<void(std::string_view)>& chunk) const override {
    m_state.incomplete();
    return m_fs.read_chunks(path, chunk);
  }
  Status write_new(const std::string& path, std::string_view content, std::uint32_t mode) override {
    m_state.incomplete();
    return m_fs.write_new(path, content, mode);
  }
  void remove_file(const std::string& path) override {
    m_state.incomplete();
    m_fs.remove_file(path);
  }
  Result<std::unique_ptr<fs::InstallFolder>> open_install_folder(const std::string& base,
                                                                 const std::string& path,
                                                                 bool create) const override {
    m_state.incomplete();
    return m_fs.open_install_folder(base, path, create);
  }
  Status make_directory(const std::string& path) override {
    m_state.incomplete();
    return m_fs.make_directory(path);
  }
  Status make_symlink(const std::string& target, const std::string& path) override {
    m_state.incomplete();
    return m_fs.make_symlink(target, path);
  }
  Status create_file(const std::string& path, std::string_view content, bool executable) override {
    m_state.incomplete();
    return m_fs.create_file(path, content, executable);
  }

 private:
  State& m_state;
  fs::FileSystem& m_fs;
};

class InputRecorder::Documents final : public RemoteDocuments {
 public:
  explicit Documents(State& state) : m_state(state) {}
  Result<std::string> fetch(const std::string& url,
                            const std::optional<crypto::Checksum>& known) override {
    auto bytes = m_state.remote->fetch(url, known);
    if (!bytes) {
      m_state.incomplete();
      return bytes;
    }
    State::Document doc;
    doc.known = known;
    doc.pinned = known && crypto::digest(known->algo(), *bytes) == *known;
    doc.sha256 = crypto::sha256(*bytes);
    doc.size = bytes->size();
    std::lock_guard<std::mutex> lock(m_state.mutex);
    m_state.documents.push_back(std::move(doc));
    return bytes;
  }

 private:
  State& m_state;
};

InputRecorder::InputRecorder(fs::FileSystem& fs, RemoteDocuments* remote)
    : m_state(std::make_unique<State>()) {
  m_state->inner = &fs;
  m_state->remote = remote;
  m_files = std::make_unique<Files>(*m_state);
  if (remote != nullptr) m_documents = std::make_unique<Documents>(*m_state);
}

InputRecorder::~InputRecorder() = default;

fs::FileSystem& InputRecorder::fs() {
  return *m_files;
}

RemoteDocuments* InputRecorder::remote() {
  return m_documents.get();
}

void InputRecorder::wrote(const std::string& path, std::string_view bytes) {
  StampInput input{path, true, crypto::sha256(bytes), bytes.size(), m_state->inner->file_id(path)};
  std::lock_guard<std::mutex> lock(m_state->mutex);
  if (StampInput* seen = m_state->find(path)) {
    *seen = std::move(input);
  } else {
    m_state->files.push_back(std::move(input));
  }
}

std::optional<std::vector<StampInput>> InputRecorder::inputs(const store::Cache& cache,
                                                             std::int64_t now) const {
  std::lock_guard<std::mutex> lock(m_state->mutex);
  if (!m_state->complete) return std::nullopt;
  std::vector<StampInput> out = m_state->files;
  for (const State::Document& doc : m_state->documents) {
    // Served from the cache without a request only when pinned and there (remote_documents.cpp).
    if (!doc.pinned || !cache.has_object(*doc.known)) return std::nullopt;
    std::string path = cache.object_path(*doc.known);
    out.push_back(StampInput{path, true, doc.sha256, doc.size, m_state->inner->file_id(path)});
  }
  for (StampInput& input : out) {
    // Small files are hashed on every check; so is a file changed less than two seconds before
    // now, which a change in the same clock tick could leave with the same identity.
    if (input.id &&
        (input.size <= k_stamp_hash_always_bytes || input.id->ctime_ns / 1'000'000'000 >= now - 2 ||
         input.id->size != input.size)) {
      input.id.reset();
    }
  }
  return out;
}

}  // namespace pinset::app
