// An open RocksDB database whose column families are declared in one table by
// its owner (each store keeps its table, with a "never reorder" note).
// Thread-safe: RocksDB's own guarantees; the handles live as long as this object.
#ifndef ACCORD_SHARED_STORAGE_ROCKS_DB_H_
#define ACCORD_SHARED_STORAGE_ROCKS_DB_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace accord::storage {

struct RocksDbOptions {
  // Shared LRU block cache for all column families.
  size_t block_cache_bytes = 64 << 20;
  // Memtable memory shared by all column families.
  size_t memtable_budget_bytes = 64 << 20;
  // Sync the WAL on every write: a write is durable once Write returns OK.
  bool sync_writes = true;
};

class RocksDb {
 public:
  // Opens the database in directory `path`, creating it (mode 0700) and any
  // missing column family. `families[i]` becomes family(i); "default" must not
  // be listed (RocksDB keeps it; it stays unused). Fails when the directory
  // holds a column family the table does not name.
  static absl::StatusOr<std::unique_ptr<RocksDb>> Open(const std::string& path,
                                                       const std::vector<std::string>& families,
                                                       const RocksDbOptions& options);

  // Flushes nothing extra (the WAL is synced per write) and closes the database.
  ~RocksDb();
  RocksDb(const RocksDb&) = delete;
  RocksDb& operator=(const RocksDb&) = delete;

  rocksdb::DB* db() const { return db_.get(); }
  // REQUIRES: index < number of families given to Open.
  rocksdb::ColumnFamilyHandle* family(size_t index) const { return handles_[index + 1]; }
  const std::string& path() const { return path_; }

  // Applies `batch` atomically; durable before it returns OK when sync_writes.
  absl::Status Write(rocksdb::WriteBatch* batch);

  // Compacts every column family fully (after a bulk load; blocks until done).
  absl::Status CompactAll();

  // std::nullopt when the key is absent.
  absl::StatusOr<std::optional<std::string>> Get(size_t family_index, std::string_view key) const;

 private:
  RocksDb(std::string path, const RocksDbOptions& options) : path_(std::move(path)), options_(options) {}

  std::string path_;
  RocksDbOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  // handles_[0] is "default"; handles_[i + 1] is families[i].
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// Creates `path` and its parents; the last component gets mode 0700 (owner only).
absl::Status CreatePrivateDirectory(const std::string& path);

}  // namespace accord::storage

#endif  // ACCORD_SHARED_STORAGE_ROCKS_DB_H_
