#pragma once
// file:// requests, read without libcurl so that only a regular file is ever read: the path is
// opened with O_NONBLOCK|O_NOFOLLOW (a FIFO cannot hang the open, a symlink is not followed) and
// fstat()ed before a byte is read, so /dev/zero, a FIFO, a socket or a folder is refused at once.
// Internal to core/net.

#include "core/net/fetcher.hpp"

namespace pinset::net::detail {

// Reads the file a checked file:// request names, with the request's size rules and checksum.
// Errors: invalid-url (not file:///absolute/path, a %00), file-read (missing, unreadable, a
// symlink, not a regular file), too-large, size-mismatch, checksum-mismatch.
Result<FetchResult> read_file_url(const FetchRequest& request, const FetchOptions& options);

}  // namespace pinset::net::detail
