#include "query_service/replication/replica_set.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "shared/log/log.h"
#include "shared/status/status_macros.h"

namespace accord::query {
namespace {

namespace fs = std::filesystem;

constexpr char kPrefix[] = "replica-";

int NumberOf(const std::string& name) {
  int n = 0;
  absl::string_view rest(name);
  return absl::ConsumePrefix(&rest, kPrefix) && absl::SimpleAtoi(rest, &n) ? n : 0;
}

absl::Status WriteCurrent(const std::string& data_dir, const std::string& name) {
  const std::string tmp = data_dir + "/CURRENT.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << name << "\n";
    out.flush();
    if (!out) return absl::UnavailableError(absl::StrCat("write ", tmp));
  }
  if (std::rename(tmp.c_str(), (data_dir + "/CURRENT").c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("rename ", tmp));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ReplicaSet>> ReplicaSet::Open(const std::string& data_dir,
                                                             const storage::RocksDbOptions& rocks) {
  RETURN_IF_ERROR(storage::CreatePrivateDirectory(data_dir));
  std::unique_ptr<ReplicaSet> set(new ReplicaSet(data_dir, rocks));
  std::string current;
  std::ifstream(data_dir + "/CURRENT") >> current;
  if (NumberOf(current) == 0) {
    current = absl::StrCat(kPrefix, 1);
    RETURN_IF_ERROR(WriteCurrent(data_dir, current));
  }
  // Stores other than the current one are leftovers of an interrupted rebuild.
  std::error_code ec;
  int highest = NumberOf(current);
  for (const auto& entry : fs::directory_iterator(data_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (NumberOf(name) == 0 || name == current) continue;
    highest = std::max(highest, NumberOf(name));
    fs::remove_all(entry.path(), ec);
  }
  ASSIGN_OR_RETURN(std::shared_ptr<ReplicaStore> store, set->OpenStore(current));
  absl::MutexLock lock(&set->mu_);
  set->next_number_ = highest + 1;
  set->serving_ = std::move(store);
  set->serving_name_ = current;
  set->applied_.Publish(set->serving_->applied_sequence());
  return set;
}

absl::StatusOr<std::shared_ptr<ReplicaStore>> ReplicaSet::OpenStore(const std::string& name) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReplicaStore> store, ReplicaStore::Open(data_dir_ + "/" + name, rocks_));
  return std::shared_ptr<ReplicaStore>(std::move(store));
}

std::shared_ptr<ReplicaStore> ReplicaSet::serving() const {
  absl::MutexLock lock(&mu_);
  return serving_;
}

absl::StatusOr<std::shared_ptr<ReplicaStore>> ReplicaSet::CreateFresh() {
  std::string name;
  {
    absl::MutexLock lock(&mu_);
    name = absl::StrCat(kPrefix, next_number_++);
  }
  std::error_code ec;
  fs::remove_all(data_dir_ + "/" + name, ec);
  return OpenStore(name);
}

absl::Status ReplicaSet::SwitchTo(std::shared_ptr<ReplicaStore> fresh) {
  const std::string name = fs::path(fresh->path()).filename().string();
  RETURN_IF_ERROR(WriteCurrent(data_dir_, name));
  std::shared_ptr<ReplicaStore> old;
  {
    absl::MutexLock lock(&mu_);
    old = std::move(serving_);
    serving_ = std::move(fresh);
    serving_name_ = name;
  }
  // Reset, not Publish: after a rebuild from another feed history the applied
  // sequence may be lower than the old store's, and min_sequence now counts
  // the new history's changes.
  applied_.Reset(serving()->applied_sequence());
  ACCORD_LOG(Info) << "replica switched to " << name << " at sequence " << serving()->applied_sequence();
  // Close the old store once the last reader lets go, then delete its files.
  const std::string old_path = old->path();
  std::weak_ptr<ReplicaStore> watch = old;
  old.reset();
  if (watch.expired()) {
    std::error_code ec;
    fs::remove_all(old_path, ec);
  }  // else: a reader still holds it; Open() removes the directory at the next start
  return absl::OkStatus();
}

}  // namespace accord::query
