#include "bench/bench_util.h"

#include <filesystem>

namespace accord::bench {

void RemoveTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace accord::bench
