#include "shared/storage/rocks_db.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "shared/storage/rocks_status.h"

namespace accord::storage {

absl::Status CreatePrivateDirectory(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("data directory: empty path");
  for (size_t pos = path.find('/', 1); pos != std::string::npos; pos = path.find('/', pos + 1)) {
    const std::string parent = path.substr(0, pos);
    if (::mkdir(parent.c_str(), 0755) != 0 && errno != EEXIST) {
      return absl::UnavailableError(absl::StrCat("create ", parent, ": ", std::strerror(errno)));
    }
  }
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return absl::UnavailableError(absl::StrCat("create ", path, ": ", std::strerror(errno)));
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a directory"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RocksDb>> RocksDb::Open(const std::string& path,
                                                       const std::vector<std::string>& families,
                                                       const RocksDbOptions& options) {
  if (auto s = CreatePrivateDirectory(path); !s.ok()) return s;

  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.cache_index_and_filter_blocks = true;
  rocksdb::ColumnFamilyOptions cf_options;
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 5;
  db_options.db_write_buffer_size = options.memtable_budget_bytes;

  // Refuse families this table does not name: they were written by something else.
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, path, &existing).ok()) {
    for (const std::string& name : existing) {
      if (name != rocksdb::kDefaultColumnFamilyName &&
          std::find(families.begin(), families.end(), name) == families.end()) {
        return absl::FailedPreconditionError(
            absl::StrCat(path, " holds unknown column family '", name, "'; is it another service's data dir?"));
      }
    }
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, cf_options);
  for (const std::string& name : families) descriptors.emplace_back(name, cf_options);

  std::unique_ptr<RocksDb> result(new RocksDb(path, options));
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, path, descriptors, &result->handles_, &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("open ", path));
  result->db_.reset(raw);
  return result;
}

RocksDb::~RocksDb() {
  if (!db_) return;
  for (rocksdb::ColumnFamilyHandle* h : handles_) db_->DestroyColumnFamilyHandle(h);
  handles_.clear();
  db_->Close().PermitUncheckedError();
}

absl::Status RocksDb::Write(rocksdb::WriteBatch* batch) {
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes;
  return FromRocks(db_->Write(write_options, batch), "write");
}

absl::Status RocksDb::CompactAll() {
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    rocksdb::Status s = db_->CompactRange(rocksdb::CompactRangeOptions(), h, nullptr, nullptr);
    if (!s.ok()) return FromRocks(s, "compact");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> RocksDb::Get(size_t family_index, std::string_view key) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), family(family_index),
                               rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "get");
  return std::optional<std::string>(std::move(value));
}

}  // namespace accord::storage
