#pragma once
// A damaged HDF5 file must never crash the process that reads it. HDF5's newer file format checksums its
// metadata, and twinlab's writer checksums dataset values (Fletcher32), so most damage is an ordinary read
// error; but some damage still makes libhdf5 itself crash (e.g. a variable-length string whose global-heap
// reference was changed: H5HG_read follows it) and older files carry no checksums at all. So before a
// twinlab file is read in this process, a forked child reads all of it, exactly as `twinlab info` and the
// other readers do plus every value; only if the child finishes cleanly is the file read here.
#include <filesystem>

namespace twinlab::io {

// Checks `path` (once per process for the same file, size and modification time). Does nothing when the
// file is missing, not a regular file or not HDF5 (the caller's own open reports that), or when the root
// attribute `filetype` does not name a twinlab file. Throws twinlab::base::InputError
// "file is damaged: REASON" (exit 2) when HDF5 reports an error, when reading crashes the child (a signal),
// or when it does not finish in time; std::runtime_error when the child cannot be started.
// A child that ends with another exit status than its own (a sanitizer's report in an instrumented build, which
// ends the process with an exit status instead of a signal) is also taken for a crash: "file is damaged".
void check_hdf5_readable(const std::filesystem::path& path);

// Forgets which files were checked, so that the next check of any file forks again. For a caller that rewrites
// one path in place faster than the file system's timestamps tick (the results_file fuzz target writes each
// input to the same path: same size and modification time would otherwise skip the check).
void forget_checked_hdf5_files();

}  // namespace twinlab::io
