// accord-query killed with SIGKILL at random moments, 20 rounds on one data
// dir: 10 while it catches up a backlog from sequence 0 (in small feed
// batches, killed at a random point of its progress), 10 while it follows
// steady ingest. At the end it catches up, and its digest of every record
// equals that of a replica built fresh on an empty data dir.
#include <signal.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/testing/service_processes.h"
#include "tests/testing/temp_dir.h"

namespace accord::fault {
namespace {

using ::accord::testing::ServiceProcess;

constexpr int kCatchUpRounds = 10;
constexpr int kSteadyRounds = 10;

class ReplicaCrashTest : public ::testing::Test {
 protected:
  ServiceProcess StartQuery(const std::string& data, const std::string& log_name, const std::string& batch = "0") {
    return testing::StartService(ACCORD_QUERY_BINARY,
                                 {"--data_dir=" + dir_.Sub(data), absl::StrCat("--ingest=127.0.0.1:", ingest_port_),
                                  "--feed_batch=" + batch},
                                 dir_.path(), log_name);
  }
  std::string Log(const std::string& name) const { return dir_.Sub(name + ".log"); }

  testing::TempDir dir_;
  int ingest_port_ = 0;
};

TEST_F(ReplicaCrashTest, KilledDuringCatchUpAndFollowingItEndsEqualToAFreshReplica) {
  const uint64_t seed = TestSeed();
  std::mt19937_64 rng(seed);
  const absl::Time began = absl::Now();
  ServiceProcess ingest =
      testing::StartService(ACCORD_INGEST_BINARY, {"--data_dir=" + dir_.Sub("ingest")}, dir_.path(), "ingest");
  ASSERT_GT(ingest.port, 0) << "accord-ingest did not start\n" << LogTail(Log("ingest"));
  ingest_port_ = ingest.port;
  auto ingest_stub = accord::v1::IngestService::NewStub(ingest.channel);
  ArticleSource source(seed);
  AckLedger ledger;
  {
    const std::vector<std::string> problems = IngestBatch(*ingest_stub, source, ledger, 400);
    ASSERT_TRUE(problems.empty()) << Describe(problems);
  }
  std::cout << "[ fault    ] backlog: " << ledger.size() << " articles, feed head " << ledger.max_sequence() << std::endl;

  int kills_in_catch_up = 0;
  int kills_in_steady = 0;
  // Catch-up: each round adds to the backlog, starts the replica with small
  // feed batches and kills it once it has applied a random point of the backlog
  // (or, in some rounds, at a random moment of its start-up).
  for (int round = 0; round < kCatchUpRounds; ++round) {
    {
      const std::vector<std::string> problems = IngestBatch(*ingest_stub, source, ledger, 40);
      ASSERT_TRUE(problems.empty()) << Describe(problems);
    }
    const uint64_t head = ledger.max_sequence();
    const std::string log_name = absl::StrCat("replica-catch-up-", round);
    ServiceProcess replica = StartQuery("replica", log_name, "3");
    ASSERT_GT(replica.port, 0) << "accord-query did not start\n" << LogTail(Log(log_name));
    auto stub = accord::v1::QueryService::NewStub(replica.channel);
    std::string moment;
    if (round % 4 == 3) {
      const absl::Duration after = absl::Milliseconds(std::uniform_int_distribution<int>(0, 150)(rng));
      absl::SleepFor(after);
      moment = absl::StrCat(absl::FormatDuration(after), " after it listened");
    } else {
      const uint64_t target = std::uniform_int_distribution<uint64_t>(1, head)(rng);
      const grpc::Status reached = WaitForApplied(*stub, target, absl::Seconds(60));
      ASSERT_TRUE(reached.ok()) << "round " << round << ": the replica did not reach sequence " << target << ": "
                                << reached.error_message() << "\n" << LogTail(Log(log_name));
      moment = absl::StrCat("once it had applied ", target, " of ", head);
    }
    replica.process->Signal(SIGKILL);
    ASSERT_TRUE(replica.process->Wait(absl::Seconds(10)).has_value());
    const bool caught_up = LogTail(Log(log_name), 1000).find("caught up") != std::string::npos;
    (caught_up ? kills_in_steady : kills_in_catch_up)++;
    std::cout << "[ fault    ] catch-up round " << round + 1 << "/" << kCatchUpRounds << ": killed " << moment
              << (caught_up ? " (it had caught up already)" : " (still catching up)") << std::endl;
  }

  // Steady following: a client keeps ingesting; the replica is killed at a
  // random moment after it has caught up.
  LoadOptions options;
  options.unary_clients = 1;
  options.stream_clients = 1;
  options.stream_length = 8;
  options.stream_window = 4;
  options.pace = absl::Milliseconds(15);
  options.seed = seed;
  IngestLoad load(ingest.channel, &source, &ledger, options);
  load.Start();
  for (int round = 0; round < kSteadyRounds; ++round) {
    const std::string log_name = absl::StrCat("replica-steady-", round);
    ServiceProcess replica = StartQuery("replica", log_name);
    ASSERT_GT(replica.port, 0) << "accord-query did not start\n" << LogTail(Log(log_name));
    auto stub = accord::v1::QueryService::NewStub(replica.channel);
    const uint64_t head = ledger.max_sequence();
    const grpc::Status reached = WaitForApplied(*stub, head, absl::Seconds(60));
    ASSERT_TRUE(reached.ok()) << "steady round " << round << ": the replica did not reach " << head << ": "
                              << reached.error_message() << "\n" << LogTail(Log(log_name));
    const absl::Duration after = absl::Milliseconds(std::uniform_int_distribution<int>(0, 800)(rng));
    absl::SleepFor(after);
    replica.process->Signal(SIGKILL);
    ASSERT_TRUE(replica.process->Wait(absl::Seconds(10)).has_value());
    ++kills_in_steady;
    std::cout << "[ fault    ] steady round " << round + 1 << "/" << kSteadyRounds << ": killed "
              << absl::FormatDuration(after) << " after it had applied " << head << " (ingest continuing; "
              << ledger.size() << " articles so far)" << std::endl;
  }
  load.Stop();
  ASSERT_TRUE(load.unexpected_failures().empty()) << Describe(load.unexpected_failures());

  const uint64_t head = FeedHead(*ingest_stub);
  ASSERT_GE(head, ledger.max_sequence());
  ServiceProcess restarted = StartQuery("replica", "replica-final");
  ServiceProcess fresh = StartQuery("replica-fresh", "replica-fresh");
  ASSERT_GT(restarted.port, 0) << LogTail(Log("replica-final"));
  ASSERT_GT(fresh.port, 0) << LogTail(Log("replica-fresh"));
  auto restarted_stub = accord::v1::QueryService::NewStub(restarted.channel);
  auto fresh_stub = accord::v1::QueryService::NewStub(fresh.channel);
  const grpc::Status restarted_reached = WaitForApplied(*restarted_stub, head, absl::Seconds(120));
  ASSERT_TRUE(restarted_reached.ok()) << "the killed replica did not catch up to " << head << ": "
                                      << restarted_reached.error_message() << "\n" << LogTail(Log("replica-final"));
  const grpc::Status fresh_reached = WaitForApplied(*fresh_stub, head, absl::Seconds(120));
  ASSERT_TRUE(fresh_reached.ok()) << "the fresh replica did not catch up to " << head << ": "
                                  << fresh_reached.error_message() << "\n" << LogTail(Log("replica-fresh"));
  ASSERT_TRUE(testing::WaitForServing(restarted.channel, "accord.v1.QueryService", absl::Seconds(30)));

  const std::vector<std::string> expected = testing::QueryDigest(*fresh_stub);
  const std::vector<std::string> actual = testing::QueryDigest(*restarted_stub);
  EXPECT_EQ(CountArticles(*fresh_stub), static_cast<int64_t>(ledger.size()));
  EXPECT_GT(expected.size(), ledger.size());
  ASSERT_EQ(actual.size(), expected.size()) << "the killed replica holds a different number of records";
  size_t differing = 0;
  for (size_t i = 0; i < expected.size(); ++i) differing += actual[i] != expected[i];
  EXPECT_EQ(differing, 0u) << "records differ between the killed replica and a fresh one";
  std::cout << "[ fault    ] " << kCatchUpRounds + kSteadyRounds << " kill -9 rounds (" << kills_in_catch_up
            << " during catch-up, " << kills_in_steady << " after it had caught up); final digest of "
            << expected.size() << " records (" << ledger.size() << " articles, head " << head
            << ") equals a fresh replica's; " << absl::Trunc(absl::Now() - began, absl::Milliseconds(1)) << std::endl;
}

// The ingest store is replaced (a new data dir: a new feed id, and a head far
// below what the replica applied). The replica rebuilds from sequence 0 into
// a fresh store while the old one serves; it is killed at random moments of
// that rebuild. In the end it holds what a fresh replica holds, and
// min_sequence means the new feed's sequences: a wait for one not applied
// yet waits, and a write to the new store is read back.
TEST_F(ReplicaCrashTest, KilledDuringARebuildAfterTheIngestStoreIsReplacedItEndsEqualToAFreshReplica) {
  constexpr int kRebuildRounds = 6;
  const uint64_t seed = TestSeed();
  std::mt19937_64 rng(seed);
  const absl::Time began = absl::Now();
  ArticleSource source(seed);
  AckLedger old_ledger;
  ServiceProcess ingest =
      testing::StartService(ACCORD_INGEST_BINARY, {"--data_dir=" + dir_.Sub("ingest-old")}, dir_.path(), "ingest");
  ASSERT_GT(ingest.port, 0) << LogTail(Log("ingest"));
  ingest_port_ = ingest.port;
  {
    auto stub = accord::v1::IngestService::NewStub(ingest.channel);
    const std::vector<std::string> problems = IngestBatch(*stub, source, old_ledger, 300);
    ASSERT_TRUE(problems.empty()) << Describe(problems);
  }
  const uint64_t old_head = old_ledger.max_sequence();
  const AckedArticle old_article = old_ledger.Snapshot().front();
  {
    ServiceProcess replica = StartQuery("replica", "replica-old", "3");
    ASSERT_GT(replica.port, 0) << LogTail(Log("replica-old"));
    auto stub = accord::v1::QueryService::NewStub(replica.channel);
    ASSERT_TRUE(WaitForApplied(*stub, old_head, absl::Seconds(60)).ok()) << LogTail(Log("replica-old"));
    replica.process->Signal(SIGKILL);
    ASSERT_TRUE(replica.process->Wait(absl::Seconds(10)).has_value());
  }

  // Replace the ingest store: same address, a new data dir.
  ingest.process->Signal(SIGTERM);
  ASSERT_EQ(ingest.process->Wait(absl::Seconds(30)), std::optional<int>(0)) << LogTail(Log("ingest"));
  ingest = testing::StartService(ACCORD_INGEST_BINARY, {"--data_dir=" + dir_.Sub("ingest-new")}, dir_.path(), "ingest",
                                 ingest_port_);
  ASSERT_EQ(ingest.port, ingest_port_) << LogTail(Log("ingest"));
  auto ingest_stub = accord::v1::IngestService::NewStub(ingest.channel);
  AckLedger ledger;
  {
    const std::vector<std::string> problems = IngestBatch(*ingest_stub, source, ledger, 150);
    ASSERT_TRUE(problems.empty()) << Describe(problems);
  }
  const uint64_t new_head = ledger.max_sequence();
  ASSERT_LT(new_head, old_head);

  int switched_before_kill = 0;
  for (int round = 0; round < kRebuildRounds; ++round) {
    const std::string log_name = absl::StrCat("replica-rebuild-", round);
    ServiceProcess replica = StartQuery("replica", log_name, "3");
    ASSERT_GT(replica.port, 0) << LogTail(Log(log_name));
    auto stub = accord::v1::QueryService::NewStub(replica.channel);
    const absl::Duration after = absl::Milliseconds(std::uniform_int_distribution<int>(0, 400)(rng));
    absl::SleepFor(after);
    // While it rebuilds, the old store still serves.
    const bool switched = LogTail(Log(log_name), 1000).find("replica switched") != std::string::npos;
    if (!switched) {
      grpc::ClientContext context;
      context.set_deadline(DeadlineIn(absl::Seconds(5)));
      accord::v1::GetArticleRequest get;
      get.set_name(old_article.name);
      accord::v1::Article article;
      const grpc::Status status = stub->GetArticle(&context, get, &article);
      // NOT_FOUND only if it switched meanwhile.
      if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
        EXPECT_TRUE(status.ok()) << "the old store did not serve during the rebuild: " << status.error_message();
      }
    }
    replica.process->Signal(SIGKILL);
    ASSERT_TRUE(replica.process->Wait(absl::Seconds(10)).has_value());
    const bool switched_at_kill = LogTail(Log(log_name), 1000).find("replica switched") != std::string::npos;
    switched_before_kill += switched_at_kill;
    std::cout << "[ fault    ] rebuild round " << round + 1 << "/" << kRebuildRounds << ": killed "
              << absl::FormatDuration(after) << " after it listened"
              << (switched_at_kill ? " (it had switched to the rebuilt store)" : " (during the rebuild)") << std::endl;
  }

  ServiceProcess replica = StartQuery("replica", "replica-final", "3");
  ServiceProcess fresh = StartQuery("replica-fresh", "replica-fresh");
  ASSERT_GT(replica.port, 0) << LogTail(Log("replica-final"));
  ASSERT_GT(fresh.port, 0) << LogTail(Log("replica-fresh"));
  auto stub = accord::v1::QueryService::NewStub(replica.channel);
  auto fresh_stub = accord::v1::QueryService::NewStub(fresh.channel);
  ASSERT_TRUE(WaitForApplied(*fresh_stub, new_head, absl::Seconds(60)).ok()) << LogTail(Log("replica-fresh"));
  const std::vector<std::string> expected = testing::QueryDigest(*fresh_stub);
  // Wait for the switch: the replica's records become the new store's.
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  std::vector<std::string> actual;
  do {
    actual = testing::QueryDigest(*stub);
    if (actual == expected) break;
    absl::SleepFor(absl::Milliseconds(200));
  } while (absl::Now() < deadline);
  ASSERT_TRUE(actual == expected) << "the replica did not switch to a store equal to a fresh replica's within 60 s\n"
                                  << LogTail(Log("replica-final"));

  // min_sequence now counts the new feed's sequences.
  {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(2)));
    accord::v1::ListArticlesRequest request;
    request.set_page_size(1);
    request.set_min_sequence(new_head + 50);  // not written yet on the new feed; below the old feed's head
    accord::v1::ListArticlesResponse response;
    const grpc::Status status = stub->ListArticles(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << "min_sequence " << new_head + 50 << " was answered before the replica applied it (the new feed's head is "
        << new_head << "; the old feed's was " << old_head << "): " << status.error_message();
  }
  int read_back = 0;
  for (int i = 0; i < 10; ++i) {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(10)));
    accord::v1::IngestArticleRequest request;
    *request.mutable_article() = source.Article(source.NextIndex());
    accord::v1::IngestArticleResponse response;
    ASSERT_TRUE(ingest_stub->IngestArticle(&context, request, &response).ok());
    grpc::ClientContext get_context;
    get_context.set_deadline(DeadlineIn(absl::Seconds(10)));
    accord::v1::GetArticleRequest get;
    get.set_name(response.name());
    get.set_min_sequence(response.sequence());
    accord::v1::Article article;
    const grpc::Status status = stub->GetArticle(&get_context, get, &article);
    EXPECT_TRUE(status.ok()) << "read-your-writes after the store was replaced: " << response.name() << " at "
                             << response.sequence() << ": " << status.error_code() << " " << status.error_message();
    read_back += status.ok();
  }
  std::cout << "[ fault    ] ingest store replaced (feed head " << old_head << " -> " << new_head << "); "
            << kRebuildRounds << " kill -9 rounds during the rebuild (" << switched_before_kill
            << " after it had switched); the replica equals a fresh one (" << expected.size()
            << " records); min_sequence follows the new feed; " << read_back << "/10 writes read back; "
            << absl::Trunc(absl::Now() - began, absl::Milliseconds(1)) << std::endl;
}

}  // namespace
}  // namespace accord::fault
