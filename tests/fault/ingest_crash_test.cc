// accord-ingest killed with SIGKILL at random moments while several clients
// stream articles into it (unary and IngestArticles streams) and one deletes
// some of them, 20 rounds on one data dir: after each restart every article
// ever acknowledged is there with the content and records it was
// acknowledged with (or, deleted by an acknowledged delete, gone from it and
// its records), and the change feed holds 1..head without a gap. A replica
// following the feed through all of it ends equal to a fresh one.
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

constexpr int kRounds = 20;

TEST(IngestCrashTest, AcknowledgedArticlesSurviveKillNineAndTheFeedHasNoGap) {
  const uint64_t seed = TestSeed();
  std::mt19937_64 rng(seed);
  testing::TempDir dir;
  const std::string log = dir.Sub("ingest.log");
  int port = 0;  // every restart takes the first start's port, so the replica finds it again
  auto start = [&] {
    return testing::StartService(ACCORD_INGEST_BINARY, {"--data_dir=" + dir.Sub("ingest")}, dir.path(), "ingest",
                                 port);
  };
  ArticleSource source(seed);
  AckLedger ledger;
  const absl::Time began = absl::Now();
  ServiceProcess ingest = start();
  ASSERT_GT(ingest.port, 0) << "accord-ingest did not start\n" << LogTail(log);
  port = ingest.port;
  // A replica follows the feed through every crash: it must never apply a
  // change the restarted service does not have.
  auto start_replica = [&](const std::string& name) {
    return testing::StartService(ACCORD_QUERY_BINARY,
                                 {"--data_dir=" + dir.Sub(name), absl::StrCat("--ingest=127.0.0.1:", port)},
                                 dir.path(), name);
  };
  ServiceProcess replica = start_replica("replica");
  ASSERT_GT(replica.port, 0) << LogTail(dir.Sub("replica.log"));

  for (int round = 0; round < kRounds; ++round) {
    const absl::Time round_start = absl::Now();
    const size_t acked_before = ledger.size();
    LoadOptions options;
    options.unary_clients = 3;
    options.stream_clients = 2;
    options.delete_clients = 1;
    options.seed = seed + static_cast<uint64_t>(round);
    IngestLoad load(ingest.channel, &source, &ledger, options);
    load.Start();
    const absl::Duration kill_after = absl::Milliseconds(std::uniform_int_distribution<int>(20, 1200)(rng));
    absl::SleepFor(kill_after);
    load.ExpectFailures();
    ingest.process->Signal(SIGKILL);
    ASSERT_TRUE(ingest.process->Wait(absl::Seconds(10)).has_value()) << "round " << round << ": no exit after SIGKILL";
    load.Stop();
    ASSERT_TRUE(load.unexpected_failures().empty())
        << "round " << round << ": calls failed before the kill: " << Describe(load.unexpected_failures()) << "\n"
        << LogTail(log);

    ingest = start();
    ASSERT_EQ(ingest.port, port) << "round " << round << ": accord-ingest did not restart on its port\n" << LogTail(log);
    ASSERT_TRUE(testing::WaitForServing(ingest.channel, "accord.v1.IngestService", absl::Seconds(30)))
        << "round " << round << ": not serving after restart\n" << LogTail(log);
    auto stub = accord::v1::IngestService::NewStub(ingest.channel);
    const AckCheck check = VerifyAcknowledged(*stub, ledger);
    ASSERT_TRUE(check.problems.empty()) << "round " << round << " (killed " << kill_after << " into the load): "
                                        << Describe(check.problems) << "\n" << LogTail(log);
    std::cout << "[ fault    ] round " << round + 1 << "/" << kRounds << ": killed " << kill_after
              << " into the load; " << load.acked() << " acks (" << ledger.size() - acked_before
              << " new articles), " << load.deletes_acked() << " deletes acknowledged; after restart " << check.verified << " acknowledged articles verified, feed 1.."
              << check.feed.head << " without a gap; " << absl::Trunc(absl::Now() - round_start, absl::Milliseconds(1))
              << std::endl;
  }
  EXPECT_GT(ledger.size(), static_cast<size_t>(kRounds)) << "too few articles were acknowledged to mean anything";

  // The replica that followed through the crashes holds what a fresh one holds.
  auto stub = accord::v1::IngestService::NewStub(ingest.channel);
  const uint64_t head = FeedHead(*stub);
  ServiceProcess fresh = start_replica("replica-fresh");
  ASSERT_GT(fresh.port, 0) << LogTail(dir.Sub("replica-fresh.log"));
  auto replica_stub = accord::v1::QueryService::NewStub(replica.channel);
  auto fresh_stub = accord::v1::QueryService::NewStub(fresh.channel);
  const grpc::Status followed = WaitForApplied(*replica_stub, head, absl::Seconds(60));
  ASSERT_TRUE(followed.ok()) << "the replica did not follow to " << head << ": " << followed.error_message() << "\n"
                             << LogTail(dir.Sub("replica.log"));
  ASSERT_TRUE(WaitForApplied(*fresh_stub, head, absl::Seconds(60)).ok()) << LogTail(dir.Sub("replica-fresh.log"));
  const std::vector<std::string> digest = testing::QueryDigest(*replica_stub);
  EXPECT_TRUE(digest == testing::QueryDigest(*fresh_stub))
      << "the replica that followed through the crashes differs from a fresh one";
  std::cout << "[ fault    ] " << kRounds << " kill -9 rounds survived; " << ledger.size()
            << " acknowledged articles checked (" << ledger.deleted()
            << " of them deleted by acknowledged deletes, gone; the others present); the replica that followed "
            << "through the crashes equals a fresh one (" << digest.size() << " records); " << absl::Trunc(absl::Now() - began, absl::Milliseconds(1))
            << std::endl;
}

}  // namespace
}  // namespace accord::fault
