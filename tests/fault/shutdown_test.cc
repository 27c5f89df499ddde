// SIGTERM while clients call at about half the service's capacity (measured
// first): every call the server accepted completes OK, calls refused because
// the server is going away get UNAVAILABLE (never another code, never a hang),
// WatchChanges streams and min_sequence waits end with a status, the process
// exits 0 within --shutdown_grace plus a margin, and a restart on the same
// data dir serves everything that was acknowledged.
#include <signal.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/testing/service_processes.h"
#include "tests/testing/temp_dir.h"

namespace accord::fault {
namespace {

using ::accord::testing::ServiceProcess;

constexpr absl::Duration kGrace = absl::Seconds(5);
// On top of the grace: closing RocksDB and the process's own exit.
constexpr absl::Duration kExitMargin = absl::Seconds(15);

// gRPC 1.51's core answers a call that reaches the server after Shutdown
// began, before a handler took it, with CANCELLED instead of UNAVAILABLE
// (grpc/grpc#41785; the fix, grpc/grpc#41786, is not in any Debian gRPC).
// Such a call was refused, never run. It can only be told apart from an
// accepted call cut off at the grace deadline when the server finished
// shutting down before that deadline: then no accepted call was cut off, and
// these CANCELLED calls are counted and reported, not failed. Set
// ACCORD_FAULT_STRICT_CODES=1 to fail on them (to check a fix).
bool StrictCodes() {
  const char* env = std::getenv("ACCORD_FAULT_STRICT_CODES");
  return env != nullptr && std::string(env) == "1";
}

// One finished call: when it started and ended, and its status.
struct Call {
  absl::Time start;
  absl::Time end;
  grpc::StatusCode code;
  std::string message;
};

// Threads each calling `call` in a loop, `pace` apart, recording every call.
class UnaryLoops {
 public:
  using CallFn = std::function<grpc::Status(std::mt19937_64&)>;
  UnaryLoops(int threads, absl::Duration pace, uint64_t seed, CallFn call) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this, pace, seed, i, call] {
        std::mt19937_64 rng(seed + static_cast<uint64_t>(i));
        while (!stop_.load()) {
          Call c;
          c.start = absl::Now();
          const grpc::Status status = call(rng);
          c.end = absl::Now();
          c.code = status.error_code();
          c.message = status.error_message();
          {
            absl::MutexLock lock(&mu_);
            calls_.push_back(std::move(c));
          }
          absl::SleepFor(status.ok() ? pace : std::max(pace, absl::Milliseconds(20)));
        }
      });
    }
  }
  ~UnaryLoops() { Stop(); }
  void Stop() {
    stop_.store(true);
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }
  std::vector<Call> calls() const {
    absl::MutexLock lock(&mu_);
    return calls_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  mutable absl::Mutex mu_;
  std::vector<Call> calls_ ABSL_GUARDED_BY(mu_);
};

// What happened to the calls of a UnaryLoops around `sigterm`.
struct CallSummary {
  int ok = 0;
  int unavailable = 0;
  int cancelled = 0;  // after SIGTERM: see StrictCodes
  int in_flight_completed = 0;  // started before the signal, OK after it
  std::vector<std::string> violations;
};
CallSummary Summarize(const std::vector<Call>& calls, absl::Time sigterm, const std::string& what) {
  CallSummary s;
  for (const Call& c : calls) {
    if (c.code == grpc::StatusCode::OK) {
      ++s.ok;
      if (c.start < sigterm && c.end > sigterm) ++s.in_flight_completed;
    } else if (c.end < sigterm) {
      s.violations.push_back(absl::StrCat(what, " failed before SIGTERM: code ", c.code, ": ", c.message));
    } else if (c.code == grpc::StatusCode::UNAVAILABLE) {
      ++s.unavailable;
    } else if (c.code == grpc::StatusCode::CANCELLED) {
      ++s.cancelled;
    } else {
      s.violations.push_back(absl::StrCat(what, " during shutdown got code ", c.code, " (not OK or UNAVAILABLE): ",
                                          c.message, " (started ", absl::FormatDuration(c.start - sigterm),
                                          ", ended ", absl::FormatDuration(c.end - sigterm), " from SIGTERM)"));
    }
  }
  return s;
}

// A WatchChanges stream read on a thread of its own until it ends.
class FeedWatcher {
 public:
  explicit FeedWatcher(accord::v1::IngestService::Stub* stub) {
    thread_ = std::thread([this, stub] {
      grpc::ClientContext context;
      context.set_deadline(DeadlineIn(absl::Seconds(90)));
      auto reader = stub->WatchChanges(&context, accord::v1::WatchChangesRequest());
      accord::v1::WatchChangesResponse response;
      uint64_t expected = 1;
      while (reader->Read(&response)) {
        for (const auto& change : response.changes()) {
          if (change.sequence() != expected && gap_.empty()) {
            gap_ = absl::StrCat("expected sequence ", expected, ", got ", change.sequence());
          }
          expected = change.sequence() + 1;
        }
        received_.store(expected - 1);
      }
      status_ = reader->Finish();
      done_.store(true);
    });
  }
  ~FeedWatcher() {
    if (thread_.joinable()) thread_.join();
  }
  // Joins; false when the stream has not ended within `timeout`.
  bool WaitEnded(absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (!done_.load() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(10));
    if (!done_.load()) return false;
    thread_.join();
    return true;
  }
  const grpc::Status& status() const { return status_; }
  const std::string& gap() const { return gap_; }
  uint64_t received() const { return received_.load(); }

 private:
  std::thread thread_;
  std::atomic<bool> done_{false};
  std::atomic<uint64_t> received_{0};
  grpc::Status status_;
  std::string gap_;
};

class ShutdownTest : public ::testing::Test {
 protected:
  ServiceProcess StartIngest() {
    return testing::StartService(ACCORD_INGEST_BINARY,
                                 {"--data_dir=" + dir_.Sub("ingest"), "--shutdown_grace=" + absl::FormatDuration(kGrace)},
                                 dir_.path(), "ingest");
  }
  ServiceProcess StartQuery(const std::string& data, int ingest_port) {
    return testing::StartService(ACCORD_QUERY_BINARY,
                                 {"--data_dir=" + dir_.Sub(data), absl::StrCat("--ingest=127.0.0.1:", ingest_port),
                                  "--shutdown_grace=" + absl::FormatDuration(kGrace)},
                                 dir_.path(), data);
  }
  std::string Log(const std::string& name) const { return dir_.Sub(name + ".log"); }

  testing::TempDir dir_;
};

TEST_F(ShutdownTest, IngestSigtermUnderLoadCompletesAcceptedCallsAndRestartsClean) {
  const uint64_t seed = TestSeed();
  std::mt19937_64 rng(seed);
  const absl::Time began = absl::Now();
  ServiceProcess ingest = StartIngest();
  ASSERT_GT(ingest.port, 0) << LogTail(Log("ingest"));
  auto stub = accord::v1::IngestService::NewStub(ingest.channel);
  ArticleSource source(seed);
  AckLedger ledger;
  ASSERT_TRUE(IngestBatch(*stub, source, ledger, 50).empty());

  // Capacity: 8 clients ingesting flat out for 1.5 s.
  double capacity = 0;
  {
    LoadOptions flat_out;
    flat_out.unary_clients = 8;
    flat_out.stream_clients = 0;
    flat_out.resend_percent = 0;
    flat_out.seed = seed;
    IngestLoad load(ingest.channel, &source, &ledger, flat_out);
    load.Start();
    absl::SleepFor(absl::Milliseconds(1500));
    load.Stop();
    ASSERT_TRUE(load.unexpected_failures().empty()) << Describe(load.unexpected_failures());
    capacity = static_cast<double>(load.acked()) / 1.5;
  }
  ASSERT_GT(capacity, 0);
  // Half of it: 4 clients (3 unary, 1 streaming), each pausing 8/capacity
  // between calls, plus readers and two feed streams.
  const absl::Duration pace = absl::Seconds(8.0 / capacity);
  LoadOptions options;
  options.unary_clients = 3;
  options.stream_clients = 1;
  options.stream_length = 8;
  options.stream_window = 2;
  options.pace = pace;
  options.seed = seed + 1;
  IngestLoad load(ingest.channel, &source, &ledger, options);
  const std::vector<AckedArticle> known = ledger.Snapshot();
  UnaryLoops readers(2, pace, seed, [&](std::mt19937_64& r) {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(30)));
    accord::v1::GetArticleRequest request;
    request.set_name(known[r() % known.size()].name);
    accord::v1::Article article;
    return stub->GetArticle(&context, request, &article);
  });
  FeedWatcher watcher1(stub.get());
  FeedWatcher watcher2(stub.get());
  // An IngestArticles stream open across the signal: half its articles are
  // sent before it, half after.
  grpc::ClientContext open_context;
  open_context.set_deadline(DeadlineIn(absl::Seconds(60)));
  auto open_stream = stub->IngestArticles(&open_context);
  std::vector<accord::v1::Article> open_sent;
  auto open_write = [&](int n) {
    for (int i = 0; i < n; ++i) {
      accord::v1::IngestArticleRequest request;
      *request.mutable_article() = source.Article(source.NextIndex());
      open_sent.push_back(request.article());
      if (!open_stream->Write(request)) return false;
    }
    return true;
  };
  ASSERT_TRUE(open_write(5));
  load.Start();
  absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));

  // A burst of unary calls sent right before the signal, most of them still in flight when it lands.
  constexpr int kBurst = 8;
  struct BurstCall {
    grpc::ClientContext context;
    accord::v1::IngestArticleRequest request;
    accord::v1::IngestArticleResponse response;
    grpc::Status status;
  };
  std::vector<std::unique_ptr<BurstCall>> burst;
  absl::Mutex burst_mu;
  int burst_done = 0;
  for (int i = 0; i < kBurst; ++i) {
    auto call = std::make_unique<BurstCall>();
    call->context.set_deadline(DeadlineIn(absl::Seconds(30)));
    *call->request.mutable_article() = source.Article(source.NextIndex());
    burst.push_back(std::move(call));
  }
  load.ExpectFailures();
  for (auto& call : burst) {
    BurstCall* c = call.get();
    stub->async()->IngestArticle(&c->context, &c->request, &c->response, [c, &burst_mu, &burst_done](grpc::Status s) {
      absl::MutexLock lock(&burst_mu);
      c->status = std::move(s);
      ++burst_done;
    });
  }
  const absl::Time sigterm = absl::Now();
  ingest.process->Signal(SIGTERM);
  const bool open_rest_written = open_write(5);
  open_stream->WritesDone();
  int open_ok = 0;
  std::vector<std::string> open_problems;
  accord::v1::IngestArticlesResponse open_response;
  while (open_stream->Read(&open_response)) {
    if (open_response.has_result() && open_response.index() < open_sent.size()) {
      ledger.Record(open_sent[open_response.index()], open_response.result());
      ++open_ok;
    } else {
      open_problems.push_back(absl::StrCat("item ", open_response.index(), ": code ", open_response.error().code(),
                                           ": ", open_response.error().message()));
    }
  }
  const grpc::Status open_status = open_stream->Finish();

  const std::optional<int> exit_status = ingest.process->Wait(kGrace + kExitMargin);
  const absl::Duration exit_after = absl::Now() - sigterm;
  absl::SleepFor(absl::Milliseconds(300));  // clients meet the closed port
  load.Stop();
  readers.Stop();
  {
    absl::MutexLock lock(&burst_mu);
    ASSERT_TRUE(burst_mu.AwaitWithTimeout(absl::Condition(
                                              +[](int* done) { return *done == kBurst; }, &burst_done),
                                          absl::Seconds(40)))
        << "calls of the burst did not end";
  }
  int burst_ok = 0;
  int burst_cancelled = 0;
  for (const auto& call : burst) {
    if (call->status.ok()) {
      ledger.Record(call->request.article(), call->response);
      ++burst_ok;
    } else if (call->status.error_code() == grpc::StatusCode::CANCELLED) {
      ++burst_cancelled;
    } else {
      EXPECT_EQ(call->status.error_code(), grpc::StatusCode::UNAVAILABLE) << call->status.error_message();
    }
  }
  ASSERT_TRUE(exit_status.has_value()) << "accord-ingest did not exit within " << kGrace + kExitMargin
                                       << " of SIGTERM\n" << LogTail(Log("ingest"));
  EXPECT_EQ(*exit_status, 0) << LogTail(Log("ingest"));
  for (FeedWatcher* w : {&watcher1, &watcher2}) {
    ASSERT_TRUE(w->WaitEnded(absl::Seconds(30))) << "a WatchChanges stream did not end after the process exited";
    // Ended by the server's shutdown, not by the connection dying with the process.
    EXPECT_EQ(w->status().error_code(), grpc::StatusCode::UNAVAILABLE) << w->status().error_message();
    EXPECT_NE(w->status().error_message().find("shutting down"), std::string::npos)
        << "the feed stream did not end with the server's shutdown status: " << w->status().error_message();
    EXPECT_TRUE(w->gap().empty()) << w->gap();
  }

  // Every call: OK, or UNAVAILABLE once the server is going away.
  EXPECT_TRUE(load.unexpected_failures().empty()) << Describe(load.unexpected_failures());
  EXPECT_TRUE(load.failures_outside({grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::CANCELLED}).empty())
      << Describe(load.failures_outside({grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::CANCELLED}));
  const CallSummary reads = Summarize(readers.calls(), sigterm, "GetArticle");
  EXPECT_TRUE(reads.violations.empty()) << Describe(reads.violations);
  const int cancelled = load.expected_failures()[grpc::StatusCode::CANCELLED] + reads.cancelled + burst_cancelled;
  if (StrictCodes() || exit_after >= kGrace) {
    EXPECT_EQ(cancelled, 0) << "calls ended CANCELLED during shutdown (exit after " << exit_after << ")";
  }
  // The stream open across the signal: all its articles, or UNAVAILABLE for those it refused.
  EXPECT_TRUE(open_problems.empty()) << Describe(open_problems);
  if (open_status.ok()) {
    EXPECT_TRUE(open_rest_written);
    EXPECT_EQ(open_ok, 10) << "the open stream ended OK without a result for every article";
  } else {
    EXPECT_EQ(open_status.error_code(), grpc::StatusCode::UNAVAILABLE) << open_status.error_message();
  }

  // Restart on the same data dir: everything acknowledged is there.
  ingest = StartIngest();
  ASSERT_GT(ingest.port, 0) << LogTail(Log("ingest"));
  ASSERT_TRUE(testing::WaitForServing(ingest.channel, "accord.v1.IngestService", absl::Seconds(30)));
  stub = accord::v1::IngestService::NewStub(ingest.channel);
  const AckCheck check = VerifyAcknowledged(*stub, ledger);
  EXPECT_TRUE(check.problems.empty()) << Describe(check.problems);
  std::cout << "[ fault    ] capacity " << static_cast<int>(capacity) << " ingests/s; at about half of it, SIGTERM "
            << "with " << load.acked_across() << " ingest calls and " << reads.in_flight_completed
            << " reads in flight, all completed OK; of a burst of " << kBurst << " ingests sent just before it, "
            << burst_ok << " completed OK; " << load.expected_failures()[grpc::StatusCode::UNAVAILABLE]
            << " ingests and " << reads.unavailable << " reads refused UNAVAILABLE, " << cancelled
            << " refused CANCELLED (grpc/grpc#41785); the stream open across it: "
            << open_ok << "/10 results, " << (open_status.ok() ? "OK" : open_status.error_message())
            << "; feed streams ended UNAVAILABLE; exit " << *exit_status << " after "
            << absl::Trunc(exit_after, absl::Milliseconds(1)) << " (grace " << kGrace << "); after restart "
            << check.verified << " acknowledged articles verified; "
            << absl::Trunc(absl::Now() - began, absl::Milliseconds(1)) << std::endl;
}

TEST_F(ShutdownTest, QuerySigtermUnderLoadCompletesAcceptedCallsAndRestartsClean) {
  const uint64_t seed = TestSeed();
  std::mt19937_64 rng(seed);
  const absl::Time began = absl::Now();
  ServiceProcess ingest = StartIngest();
  ASSERT_GT(ingest.port, 0) << LogTail(Log("ingest"));
  auto ingest_stub = accord::v1::IngestService::NewStub(ingest.channel);
  ArticleSource source(seed);
  AckLedger ledger;
  ASSERT_TRUE(IngestBatch(*ingest_stub, source, ledger, 150).empty());
  ServiceProcess query = StartQuery("query", ingest.port);
  ASSERT_GT(query.port, 0) << LogTail(Log("query"));
  auto stub = accord::v1::QueryService::NewStub(query.channel);
  ASSERT_TRUE(WaitForApplied(*stub, ledger.max_sequence(), absl::Seconds(60)).ok()) << LogTail(Log("query"));
  const std::vector<AckedArticle> known = ledger.Snapshot();
  const uint64_t known_head = ledger.max_sequence();
  // A mix of reads: an article, a page of officials, a page of plans.
  auto read = [&](std::mt19937_64& r) {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(30)));
    switch (r() % 3) {
      case 0: {
        accord::v1::GetArticleRequest request;
        request.set_name(known[r() % known.size()].name);
        request.set_min_sequence(known_head);
        accord::v1::Article article;
        return stub->GetArticle(&context, request, &article);
      }
      case 1: {
        accord::v1::ListOfficialsRequest request;
        request.set_page_size(20);
        request.set_min_sequence(known_head);
        accord::v1::ListOfficialsResponse response;
        return stub->ListOfficials(&context, request, &response);
      }
      default: {
        accord::v1::ListCooperationPlansRequest request;
        request.set_page_size(20);
        accord::v1::ListCooperationPlansResponse response;
        return stub->ListCooperationPlans(&context, request, &response);
      }
    }
  };
  double capacity = 0;
  {
    UnaryLoops flat_out(8, absl::ZeroDuration(), seed, read);
    absl::SleepFor(absl::Milliseconds(1500));
    flat_out.Stop();
    const CallSummary s = Summarize(flat_out.calls(), absl::InfiniteFuture(), "query");
    ASSERT_TRUE(s.violations.empty()) << Describe(s.violations);
    capacity = s.ok / 1.5;
  }
  ASSERT_GT(capacity, 0);
  const absl::Duration pace = absl::Seconds(8.0 / capacity);

  // Ingest goes on slowly, so the replica is applying the feed when the signal comes.
  LoadOptions trickle;
  trickle.unary_clients = 1;
  trickle.stream_clients = 0;
  trickle.pace = absl::Milliseconds(50);
  trickle.seed = seed;
  IngestLoad ingest_load(ingest.channel, &source, &ledger, trickle);
  ingest_load.Start();
  UnaryLoops readers(4, pace, seed + 1, read);
  // Calls waiting for a sequence that will not come: shutdown must end them (UNAVAILABLE).
  UnaryLoops waiters(2, absl::ZeroDuration(), seed + 2, [&](std::mt19937_64& r) {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(60)));
    accord::v1::GetArticleRequest request;
    request.set_name(known[r() % known.size()].name);
    request.set_min_sequence(known_head + 100'000'000);
    accord::v1::Article article;
    return stub->GetArticle(&context, request, &article);
  });
  absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));

  const absl::Time sigterm = absl::Now();
  query.process->Signal(SIGTERM);
  const std::optional<int> exit_status = query.process->Wait(kGrace + kExitMargin);
  const absl::Duration exit_after = absl::Now() - sigterm;
  absl::SleepFor(absl::Milliseconds(300));
  readers.Stop();
  waiters.Stop();
  ingest_load.Stop();
  ASSERT_TRUE(exit_status.has_value()) << "accord-query did not exit within " << kGrace + kExitMargin
                                       << " of SIGTERM\n" << LogTail(Log("query"));
  EXPECT_EQ(*exit_status, 0) << LogTail(Log("query"));
  EXPECT_TRUE(ingest_load.unexpected_failures().empty()) << Describe(ingest_load.unexpected_failures());

  const CallSummary reads = Summarize(readers.calls(), sigterm, "query");
  EXPECT_TRUE(reads.violations.empty()) << Describe(reads.violations);
  int cancelled = reads.cancelled;
  const std::vector<Call> waited = waiters.calls();
  ASSERT_FALSE(waited.empty());
  int waits_ended = 0;
  for (const Call& c : waited) {
    if (c.start > sigterm) {  // a retry against the stopping or stopped server
      if (c.code == grpc::StatusCode::CANCELLED) {
        ++cancelled;
      } else {
        EXPECT_EQ(c.code, grpc::StatusCode::UNAVAILABLE) << c.message;
      }
      continue;
    }
    EXPECT_EQ(c.code, grpc::StatusCode::UNAVAILABLE) << c.message;
    ++waits_ended;
    EXPECT_GT(c.end, sigterm) << "a min_sequence wait ended before SIGTERM: " << c.message;
    // Ended by the server's shutdown, not by the connection dying with the process.
    EXPECT_NE(c.message.find("shutting down"), std::string::npos)
        << "a min_sequence wait did not end with the server's shutdown status: " << c.message;
  }
  if (StrictCodes() || exit_after >= kGrace) {
    EXPECT_EQ(cancelled, 0) << "calls ended CANCELLED during shutdown (exit after " << exit_after << ")";
  }

  // Restart on the same data dir: it catches up and holds what a fresh replica holds.
  query = StartQuery("query", ingest.port);
  ASSERT_GT(query.port, 0) << LogTail(Log("query"));
  stub = accord::v1::QueryService::NewStub(query.channel);
  ServiceProcess fresh = StartQuery("fresh", ingest.port);
  ASSERT_GT(fresh.port, 0) << LogTail(Log("fresh"));
  auto fresh_stub = accord::v1::QueryService::NewStub(fresh.channel);
  const uint64_t head = FeedHead(*ingest_stub);
  ASSERT_TRUE(WaitForApplied(*stub, head, absl::Seconds(60)).ok()) << LogTail(Log("query"));
  ASSERT_TRUE(WaitForApplied(*fresh_stub, head, absl::Seconds(60)).ok()) << LogTail(Log("fresh"));
  EXPECT_TRUE(testing::WaitForServing(query.channel, "accord.v1.QueryService", absl::Seconds(30)));
  const std::vector<std::string> digest = testing::QueryDigest(*stub);
  EXPECT_TRUE(digest == testing::QueryDigest(*fresh_stub)) << "the restarted replica differs from a fresh one";
  EXPECT_EQ(CountArticles(*stub), static_cast<int64_t>(ledger.size()));
  std::cout << "[ fault    ] capacity " << static_cast<int>(capacity) << " queries/s; at about half of it, SIGTERM "
            << "with " << reads.in_flight_completed << " queries in flight, all completed OK; " << reads.unavailable
            << " refused UNAVAILABLE, " << cancelled << " refused CANCELLED (grpc/grpc#41785); " << waits_ended << " min_sequence waits ended UNAVAILABLE; exit "
            << *exit_status << " after " << absl::Trunc(exit_after, absl::Milliseconds(1)) << " (grace " << kGrace
            << "); restarted replica equals a fresh one (" << digest.size() << " records); "
            << absl::Trunc(absl::Now() - began, absl::Milliseconds(1)) << std::endl;
}

}  // namespace
}  // namespace accord::fault
