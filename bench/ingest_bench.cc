// Ingest and feed benchmark over loopback gRPC, real servers in this process.
//
//  1. Ingest throughput, durable as the API promises (synced WAL), with 1 and
//     8 concurrent clients; then the same with a query replica following the
//     feed. Baseline: the run without a replica (target: the feed costs <= 15%).
//  2. Feed lag: while one client ingests at a steady rate, the time from
//     IngestArticle OK to the article being visible on the replica
//     (GetArticle with min_sequence); p50/p99 (target p99 <= 50 ms).
//  3. Catch-up: a fresh replica replays the whole feed (the lag run plus
//     --catchup_articles more); its rate in changes/s against the steady
//     ingest rate of run 2 in changes/s (target >= 10x), and against the
//     fastest ingest of run 1.
#include <atomic>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "bench/article_generator.h"
#include "bench/bench_util.h"
#include "grpcpp/grpcpp.h"
#include "ingest_service/ingest_server.h"
#include "query_service/query_server.h"

ABSL_FLAG(int, articles, 2000, "Articles per throughput run");
ABSL_FLAG(int, lag_articles, 300, "Articles in the feed-lag run");
ABSL_FLAG(double, lag_rate, 100, "Articles per second in the feed-lag run");
ABSL_FLAG(int, catchup_articles, 3000, "Articles ingested after the lag run, for the fresh replica to catch up with");

namespace accord::bench {
namespace {

struct Services {
  std::string dir;
  std::unique_ptr<ingest::IngestServer> ingest;
  std::unique_ptr<query::QueryServer> query;
  ~Services() {
    query.reset();
    ingest.reset();
    RemoveTree(dir);
  }
};

std::unique_ptr<Services> Start(bool with_replica) {
  auto s = std::make_unique<Services>();
  s->dir = MakeTempDir("ingest");
  ingest::IngestServerOptions io;
  io.data_dir = s->dir + "/ingest";
  io.server.log_calls = false;
  s->ingest = std::move(*ingest::IngestServer::BuildAndStart(io));
  if (with_replica) {
    query::QueryServerOptions qo;
    qo.data_dir = s->dir + "/query";
    qo.ingest_target = absl::StrCat("127.0.0.1:", s->ingest->port());
    qo.server.log_calls = false;
    s->query = std::move(*query::QueryServer::BuildAndStart(qo));
  }
  return s;
}

std::shared_ptr<grpc::Channel> Channel(int port) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per client
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args);
}

// `clients` threads ingest `articles` into the service on `port`; returns
// articles/s of those that succeeded, and the highest sequence acknowledged.
std::pair<double, uint64_t> IngestConcurrently(int port, const std::vector<accord::v1::Article>& articles,
                                               int clients) {
  std::atomic<size_t> next{0};
  std::atomic<int> failures{0};
  std::atomic<uint64_t> head{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      auto stub = accord::v1::IngestService::NewStub(Channel(port));
      for (size_t i = next++; i < articles.size(); i = next++) {
        grpc::ClientContext context;
        accord::v1::IngestArticleRequest request;
        *request.mutable_article() = articles[i];
        accord::v1::IngestArticleResponse response;
        if (!stub->IngestArticle(&context, request, &response).ok()) {
          ++failures;
          continue;
        }
        uint64_t seen = head.load();
        while (response.sequence() > seen && !head.compare_exchange_weak(seen, response.sequence())) {
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (failures > 0) std::cerr << failures << " ingest calls failed and are not counted\n";
  return {(articles.size() - failures) / seconds, head.load()};
}

// Articles/s for `clients` threads ingesting `articles` distinct articles into fresh services.
double IngestRate(const std::vector<accord::v1::Article>& articles, int clients, bool with_replica) {
  auto s = Start(with_replica);
  return IngestConcurrently(s->ingest->port(), articles, clients).first;
}

}  // namespace
}  // namespace accord::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace accord::bench;
  const int n = absl::GetFlag(FLAGS_articles);
  ArticleGenerator generator(11, 5000);
  std::vector<accord::v1::Article> articles;
  for (int i = 0; i < n; ++i) articles.push_back(generator.Generate(i));

  std::cout << absl::StrFormat("cores: %u; %d generated articles of ~5 KB per run; each run a fresh data dir\n\n",
                               std::thread::hardware_concurrency(), n);
  std::cout << "1. ingest throughput (articles/s, synced WAL, real extractor)\n";
  double fastest = 0;  // articles/s, 8 clients without a replica
  for (int clients : {1, 8}) {
    const double without = IngestRate(articles, clients, false);
    if (clients == 8) fastest = without;
    const double with = IngestRate(articles, clients, true);
    std::cout << absl::StrFormat(
        "   %d client%s: %7.0f without a replica | %7.0f with a replica following | with/without = %.2f "
        "(feed cost %.0f%%, target <= 15%%)%s\n",
        clients, clients > 1 ? "s" : " ", without, with, with / without, 100 * (1 - with / without),
        clients == 8 ? "; target >= 1000/s with 8 clients" : "");
  }

  // 2. Feed lag at a steady rate.
  auto s = Start(true);
  auto ingest = accord::v1::IngestService::NewStub(Channel(s->ingest->port()));
  auto query = accord::v1::QueryService::NewStub(Channel(s->query->port()));
  const int lag_n = absl::GetFlag(FLAGS_lag_articles);
  const absl::Duration gap = absl::Seconds(1) / absl::GetFlag(FLAGS_lag_rate);
  std::vector<absl::Duration> lags;
  ArticleGenerator lag_generator(12, 5000);
  uint64_t head = 0;
  const absl::Time lag_start = absl::Now();
  for (int i = 0; i < lag_n; ++i) {
    const absl::Time due = lag_start + gap * i;
    if (absl::Now() < due) absl::SleepFor(due - absl::Now());
    grpc::ClientContext ic;
    accord::v1::IngestArticleRequest request;
    *request.mutable_article() = lag_generator.Generate(i);
    accord::v1::IngestArticleResponse response;
    if (!ingest->IngestArticle(&ic, request, &response).ok()) continue;
    const absl::Time acknowledged = absl::Now();
    grpc::ClientContext qc;
    qc.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    accord::v1::GetArticleRequest get;
    get.set_name(response.name());
    get.set_min_sequence(response.sequence());
    accord::v1::Article article;
    if (query->GetArticle(&qc, get, &article).ok()) lags.push_back(absl::Now() - acknowledged);
    head = response.sequence();
  }
  const double steady_rate = lag_n / absl::ToDoubleSeconds(absl::Now() - lag_start);
  const double steady_changes = head / absl::ToDoubleSeconds(absl::Now() - lag_start);
  std::cout << absl::StrFormat(
      "\n2. feed lag, IngestArticle OK -> visible on the replica, at %.0f articles/s: p50 %.2f ms, p99 %.2f ms "
      "(%zu samples; target p99 <= 50 ms)\n",
      steady_rate, absl::ToDoubleMilliseconds(Percentile(lags, 50)), absl::ToDoubleMilliseconds(Percentile(lags, 99)),
      lags.size());

  // 3. A fresh replica catches up with a longer history: the lag run plus
  // --catchup_articles more (ingested with 8 clients), so that its start-up
  // is a small part of the time.
  {
    std::vector<accord::v1::Article> more;
    ArticleGenerator more_generator(13, 5000);
    for (int i = 0; i < absl::GetFlag(FLAGS_catchup_articles); ++i) more.push_back(more_generator.Generate(i));
    head = std::max(head, IngestConcurrently(s->ingest->port(), more, 8).second);
  }
  const double changes_per_article = static_cast<double>(head) / (lag_n + absl::GetFlag(FLAGS_catchup_articles));
  const std::string fresh_dir = MakeTempDir("catchup");
  accord::query::QueryServerOptions qo;
  qo.data_dir = fresh_dir;
  qo.ingest_target = absl::StrCat("127.0.0.1:", s->ingest->port());
  qo.server.log_calls = false;
  const absl::Time catch_start = absl::Now();
  auto fresh = std::move(*accord::query::QueryServer::BuildAndStart(qo));
  while (!fresh->caught_up()) absl::SleepFor(absl::Milliseconds(1));
  const double catch_seconds = absl::ToDoubleSeconds(absl::Now() - catch_start);
  std::cout << absl::StrFormat(
      "\n3. catch-up: a fresh replica applied %llu changes in %.2f s (start-up included) = %.0f changes/s\n"
      "   vs the steady ingest of run 2 (%.0f changes/s): %.1fx (target >= 10x)\n"
      "   vs the fastest ingest of run 1 (8 clients, no replica: %.0f articles/s x %.1f changes each = %.0f "
      "changes/s): %.1fx\n",
      static_cast<unsigned long long>(head), catch_seconds, head / catch_seconds, steady_changes,
      head / catch_seconds / steady_changes, fastest, changes_per_article, fastest * changes_per_article,
      head / catch_seconds / (fastest * changes_per_article));
  fresh.reset();
  RemoveTree(fresh_dir);
  return 0;
}
