// The single conversion from rocksdb::Status to absl::Status.
#ifndef ACCORD_SHARED_STORAGE_ROCKS_STATUS_H_
#define ACCORD_SHARED_STORAGE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace accord::storage {

// NotFound -> NOT_FOUND, Corruption -> DATA_LOSS, IOError/Busy/TimedOut/TryAgain
// -> UNAVAILABLE, InvalidArgument -> INVALID_ARGUMENT, others -> INTERNAL.
// `context` prefixes the message ("open /data/db: ...").
absl::Status FromRocks(const rocksdb::Status& status, std::string_view context);

}  // namespace accord::storage

#endif  // ACCORD_SHARED_STORAGE_ROCKS_STATUS_H_
