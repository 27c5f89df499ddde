// accord-gen: writes N synthetic articles as JSON lines (accord.v1.Article)
// for `accord ingest`, benchmarks and scale tests.
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "bench/article_generator.h"
#include "google/protobuf/util/json_util.h"

ABSL_FLAG(uint64_t, count, 1000, "How many articles");
ABSL_FLAG(uint64_t, seed, 1, "Seed: the same seed gives the same articles");
ABSL_FLAG(uint64_t, bytes, 5000, "Approximate size of each article's text");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("accord-gen --count=N [--seed=S] [--bytes=B] > articles.jsonl");
  absl::ParseCommandLine(argc, argv);
  accord::bench::ArticleGenerator generator(absl::GetFlag(FLAGS_seed), absl::GetFlag(FLAGS_bytes));
  std::string json;
  for (uint64_t i = 0; i < absl::GetFlag(FLAGS_count); ++i) {
    json.clear();
    (void)google::protobuf::util::MessageToJsonString(generator.Generate(i), &json);
    std::cout << json << "\n";
  }
  return 0;
}
