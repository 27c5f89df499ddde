// Writes realistic synthetic articles for benchmarks and scale tests:
// signings of cooperation plans between ministers, checkpoint news, quoted
// analysts and filler, with varied names, titles, years and dates, about
// `target_bytes` long. Deterministic: the same seed and index give the same
// article.
#ifndef ACCORD_BENCH_ARTICLE_GENERATOR_H_
#define ACCORD_BENCH_ARTICLE_GENERATOR_H_

#include <cstdint>
#include <string>

#include "accord/v1/records.pb.h"

namespace accord::bench {

class ArticleGenerator {
 public:
  explicit ArticleGenerator(uint64_t seed, size_t target_bytes = 5000) : seed_(seed), target_bytes_(target_bytes) {}

  // Article number `index` (url, source, published_on and text set).
  accord::v1::Article Generate(uint64_t index) const;

 private:
  uint64_t seed_;
  size_t target_bytes_;
};

}  // namespace accord::bench

#endif  // ACCORD_BENCH_ARTICLE_GENERATOR_H_
