#pragma once
// The one read loop over an open file descriptor, for the adapters that read files themselves
// (the real FileSystem, the store's cache).

#include <functional>
#include <string_view>

namespace pinset::fs {

// Reads the open file `fd` from where it stands to its end, in pieces of at most 64 KiB handed
// to `piece` in order; a read a signal interrupted is retried. `piece` returns false to stop
// early. Returns 0, or the errno of the read that failed. Does not close `fd`.
int read_fd(int fd, const std::function<bool(std::string_view)>& piece);

}  // namespace pinset::fs
