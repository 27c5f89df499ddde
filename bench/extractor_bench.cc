// Extractor throughput against a baseline measured in the same run: one
// RE2::Set pass (the extractor's anchor words: titles, ranks, months, plan
// and checkpoint nouns, countries) over the same texts.
//
// Corpora: the project's sample articles (samples/articles) and 200
// generated 5 KB articles. Prints Google Benchmark's table, then per corpus:
// articles/s and MB/s per core, and extractor time / baseline time.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench/article_generator.h"
#include "benchmark/benchmark.h"
#include "cli/article_files.h"
#include "ingest_service/extraction/extractor.h"
#include "re2/set.h"

namespace {

using accord::v1::Article;

std::vector<Article>& Corpus(const std::string& name) {
  static std::map<std::string, std::vector<Article>> corpora;
  auto& c = corpora[name];
  if (!c.empty()) return c;
  if (name == "samples") {
    for (auto& loaded : accord::cli::LoadArticles({std::string(ACCORD_SOURCE_DIR) + "/samples/articles"})) {
      if (loaded.status.ok()) c.push_back(loaded.article);
    }
  } else {
    accord::bench::ArticleGenerator generator(7, 5000);
    for (int i = 0; i < 200; ++i) c.push_back(generator.Generate(i));
  }
  for (size_t i = 0; i < c.size(); ++i) c[i].set_id("bench" + std::to_string(i));
  return c;
}

int64_t Bytes(const std::vector<Article>& corpus) {
  int64_t n = 0;
  for (const auto& a : corpus) n += static_cast<int64_t>(a.text().size());
  return n;
}

const accord::extraction::Extractor& TheExtractor() {
  static auto extractor = accord::extraction::Extractor::Create();
  if (!extractor.ok()) {
    std::cerr << extractor.status() << "\n";
    std::abort();
  }
  return **extractor;
}

const RE2::Set& BaselineSet() {
  static RE2::Set* set = [] {
    RE2::Options options;
    options.set_case_sensitive(false);
    auto* s = new RE2::Set(options, RE2::UNANCHORED);
    for (const char* p :
         {"minister", "deputy", "prime", "general", "colonel", "secretary", "director", "commander", "president",
          "ambassador", "governor", "chief", "ministry", "interior", "public security", "defen[cs]e", "january",
          "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
          "december", "cooperation plan", "protocol", "memorandum", "agreement", "border gate", "checkpoint",
          "international", "cambodia", "vietnam", "viet nam", "laos", "thailand", "signed", "witnessed",
          "opened", "upgraded", "\\b(19|20)\\d\\d\\b"}) {
      s->Add(p, nullptr);
    }
    s->Compile();
    return s;
  }();
  return *set;
}

void BM_Extract(benchmark::State& state, const std::string& corpus_name) {
  const auto& corpus = Corpus(corpus_name);
  const auto& extractor = TheExtractor();
  for (auto _ : state) {
    for (const auto& a : corpus) benchmark::DoNotOptimize(extractor.Extract(a));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.size()));
  state.SetBytesProcessed(state.iterations() * Bytes(corpus));
}

void BM_Re2SetBaseline(benchmark::State& state, const std::string& corpus_name) {
  const auto& corpus = Corpus(corpus_name);
  const RE2::Set& set = BaselineSet();
  std::vector<int> matches;
  for (auto _ : state) {
    for (const auto& a : corpus) {
      matches.clear();
      benchmark::DoNotOptimize(set.Match(a.text(), &matches));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.size()));
  state.SetBytesProcessed(state.iterations() * Bytes(corpus));
}

// Keeps each run's per-item time so main can print ratios.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      const auto items = run.counters.find("items_per_second");
      const auto bytes = run.counters.find("bytes_per_second");
      if (items != run.counters.end()) per_second_[run.benchmark_name()] = {items->second, bytes->second};
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, std::pair<double, double>> per_second_;
};

}  // namespace

BENCHMARK_CAPTURE(BM_Extract, samples, std::string("samples"));
BENCHMARK_CAPTURE(BM_Re2SetBaseline, samples, std::string("samples"));
BENCHMARK_CAPTURE(BM_Extract, generated_5kb, std::string("generated"));
BENCHMARK_CAPTURE(BM_Re2SetBaseline, generated_5kb, std::string("generated"));

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::cout << absl::StrFormat("\ncores: %u (single-threaded benchmarks: figures are per core)\n",
                               std::thread::hardware_concurrency());
  for (const std::string corpus : {"samples", "generated_5kb"}) {
    const auto extract = reporter.per_second_.find("BM_Extract/" + corpus);
    const auto baseline = reporter.per_second_.find("BM_Re2SetBaseline/" + corpus);
    if (extract == reporter.per_second_.end() || baseline == reporter.per_second_.end()) continue;
    std::cout << absl::StrFormat(
        "%-14s extractor %8.0f articles/s %6.2f MB/s | RE2::Set baseline %8.0f articles/s %7.2f MB/s | "
        "extractor takes %.1fx the baseline's time (target <= 20x)\n",
        corpus, extract->second.first, extract->second.second / 1e6, baseline->second.first,
        baseline->second.second / 1e6, baseline->second.first / extract->second.first);
  }
  return 0;
}
