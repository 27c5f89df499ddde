// Small helpers shared by the service benchmarks.
#ifndef ACCORD_BENCH_BENCH_UTIL_H_
#define ACCORD_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace accord::bench {

// The p-th percentile (0..100) of `samples` (sorted in place).
inline absl::Duration Percentile(std::vector<absl::Duration>& samples, double p) {
  if (samples.empty()) return absl::ZeroDuration();
  std::sort(samples.begin(), samples.end());
  const size_t i = std::min(samples.size() - 1, static_cast<size_t>(p / 100.0 * samples.size()));
  return samples[i];
}

// A fresh directory under /tmp, removed by the caller with RemoveTree.
inline std::string MakeTempDir(const std::string& tag) {
  std::string pattern = "/tmp/accord-bench-" + tag + "-XXXXXX";
  return ::mkdtemp(pattern.data()) ? pattern : std::string();
}

void RemoveTree(const std::string& path);

}  // namespace accord::bench

#endif  // ACCORD_BENCH_BENCH_UTIL_H_
