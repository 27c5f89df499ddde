// What the fault tests share: varied deterministic articles, a ledger of
// every acknowledged article, client load (unary and streaming ingest) that
// records acknowledgements and failures, and the checks run after a fault:
// the whole change feed read from 0, and every acknowledged article checked
// against GetArticle and the feed.
#ifndef ACCORD_TESTS_FAULT_FAULT_SUPPORT_H_
#define ACCORD_TESTS_FAULT_FAULT_SUPPORT_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "bench/article_generator.h"
#include "grpcpp/channel.h"

namespace accord::fault {

// A gRPC deadline `d` from now.
std::chrono::system_clock::time_point DeadlineIn(absl::Duration d);

// The seed of a test's random choices: $ACCORD_FAULT_SEED when set, else a
// fresh one. Printed (and recorded as a test property) so a failure can be
// replayed with ACCORD_FAULT_SEED=<seed>.
uint64_t TestSeed();

// The last `lines` lines of a log file, for failure messages.
std::string LogTail(const std::string& path, int lines = 30);

// The lines of a log file that contain `needle`: the first `max` of them, or the last when `last`.
std::string LogLinesWith(const std::string& path, const std::string& needle, int max = 10, bool last = true);

// Articles from bench/article_generator, varied in length (0.6-3.6 kB); one
// in nine has no URL (its id comes from its text). Article(i) is always the
// same article. Thread-safe.
class ArticleSource {
 public:
  explicit ArticleSource(uint64_t seed) : seed_(seed) {}
  accord::v1::Article Article(uint64_t index) const;
  // One article in ten may be deleted by IngestLoad; those are never resent.
  static bool Deletable(uint64_t index) { return index % 10 == 7; }
  // A number never handed out before.
  uint64_t NextIndex() { return next_.fetch_add(1); }
  uint64_t issued() const { return next_.load(); }

 private:
  const uint64_t seed_;
  std::atomic<uint64_t> next_{0};
};

// An article the ingest service acknowledged (IngestArticle OK, or an OK
// result on an IngestArticles stream), and whether it was deleted since.
struct AckedArticle {
  enum class State {
    kPresent,
    kDeleting,       // a DeleteArticle call is under way
    kDeleted,        // DeleteArticle acknowledged (or NOT_FOUND after an unacknowledged one)
    kDeleteInDoubt,  // DeleteArticle failed without an answer: it may or may not have happened
  };
  std::string id;
  std::string name;
  int64_t index = -1;  // in its ArticleSource; -1 when not known
  State state = State::kPresent;
  uint64_t delete_sequence = 0;  // of an acknowledged delete
  accord::v1::Article sent;
  // The highest sequence an acknowledgement of it returned.
  uint64_t sequence = 0;
  // Names of the records its acknowledged extraction named, in its order.
  std::vector<std::string> supports;
  int acks = 0;
};

// Every acknowledged article, by id. Thread-safe.
class AckLedger {
 public:
  // `index`: the article's number in its ArticleSource, when known (-1 otherwise).
  void Record(const accord::v1::Article& sent, const accord::v1::IngestArticleResponse& response,
              int64_t index = -1);
  // An acknowledged, deletable article to delete, if any: a present one, or
  // one whose delete is in doubt. It is kDeleting from now on; the copy
  // returned has the state it had.
  std::optional<AckedArticle> ClaimForDelete(std::mt19937_64& rng);
  // The outcome of deleting a claimed article: its acknowledged sequence,
  // NOT_FOUND (deleted before, by an unacknowledged call), or no answer (in doubt).
  void DeleteAcknowledged(const std::string& id, uint64_t sequence);
  void DeleteFoundNothing(const std::string& id);
  void DeleteInDoubt(const std::string& id);
  size_t deleted() const;
  std::vector<AckedArticle> Snapshot() const;
  size_t size() const;
  uint64_t max_sequence() const;
  // Acknowledgements that contradict an earlier one of the same article.
  std::vector<std::string> contradictions() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, AckedArticle> acked_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> deletable_ ABSL_GUARDED_BY(mu_);  // ids of deletable articles, in ack order
  uint64_t max_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> contradictions_ ABSL_GUARDED_BY(mu_);
};

struct LoadOptions {
  int unary_clients = 2;   // IngestArticle in a loop
  int stream_clients = 1;  // IngestArticles streams, one after another
  int delete_clients = 0;  // DeleteArticle of acknowledged deletable articles, in a loop
  int stream_length = 24;  // articles per stream
  int stream_window = 6;   // written before their results are read
  int resend_percent = 10; // requests that resend an earlier article
  // Each client's pause between calls (0: as fast as the server answers).
  absl::Duration pace = absl::ZeroDuration();
  absl::Duration rpc_timeout = absl::Seconds(30);
  uint64_t seed = 1;
};

// Client threads ingesting articles from `source` into one ingest service,
// recording every acknowledgement in `ledger` and every failure by code.
class IngestLoad {
 public:
  IngestLoad(std::shared_ptr<grpc::Channel> channel, ArticleSource* source, AckLedger* ledger, LoadOptions options);
  ~IngestLoad() { Stop(); }

  void Start();
  // From now on failures are expected (the server is about to be killed or
  // stopped); they are counted, not reported as unexpected.
  void ExpectFailures() { expect_failures_.store(true); }
  // Stops the clients and joins them (each ends within its RPC deadline).
  void Stop();

  // Failures before ExpectFailures, as "code: message".
  std::vector<std::string> unexpected_failures() const;
  // Failures after ExpectFailures, by gRPC status code.
  std::map<int, int> expected_failures() const;
  // Calls that failed after ExpectFailures with a code not in `allowed`, as "code: message".
  std::vector<std::string> failures_outside(const std::vector<grpc::StatusCode>& allowed) const;
  uint64_t acked() const { return acked_.load(); }
  uint64_t deletes_acked() const { return deletes_acked_.load(); }
  // Acknowledgements of calls (or stream items) sent before ExpectFailures and answered after it.
  uint64_t acked_across() const { return acked_across_.load(); }

 private:
  void UnaryClient(int client);
  void StreamClient(int client);
  void DeleteClient(int client);
  // An article to send and its index: a new one, or (resend_percent) an earlier one that is not deletable.
  accord::v1::Article Pick(std::mt19937_64& rng, int64_t* index);
  void Failed(const std::string& what, int code, const std::string& message);
  bool Pause();

  std::unique_ptr<accord::v1::IngestService::Stub> stub_;
  ArticleSource* source_;
  AckLedger* ledger_;
  const LoadOptions options_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> expect_failures_{false};
  std::atomic<uint64_t> acked_{0};
  std::atomic<uint64_t> acked_across_{0};
  std::atomic<uint64_t> deletes_acked_{0};
  std::vector<std::thread> threads_;
  mutable absl::Mutex mu_;
  std::vector<std::string> unexpected_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<int, std::string>> expected_ ABSL_GUARDED_BY(mu_);
};

// The whole change feed, read from sequence 0 up to the head its first
// response reported.
struct FeedCheck {
  uint64_t head = 0;
  uint64_t first_kept = 0;
  std::string feed_id;
  size_t changes = 0;
  // The latest change of each record and article, by name.
  std::map<std::string, accord::v1::Change> latest;
  // The sequence of each article's (first) article change.
  std::map<std::string, uint64_t> article_sequence;
  // Gaps, repeats, an article stored twice, a stream that failed.
  std::vector<std::string> problems;
};
FeedCheck ReadWholeFeed(accord::v1::IngestService::Stub& stub, absl::Duration timeout);

// Checks every article of `ledger` against a running ingest service: GetArticle
// returns it with the content it was sent with; the feed (read whole) has no
// gap, holds its article change at or below its acknowledged sequence with
// the records its acknowledgement named, and each of those records exists and
// lists the article. A deleted article: GetArticle NOT_FOUND, its deletion on
// the feed at or below the delete's sequence, and no record lists it. One
// whose delete is in doubt: either, consistently. Returns the problems found
// (empty: all good).
struct AckCheck {
  size_t verified = 0;
  FeedCheck feed;
  std::vector<std::string> problems;
};
AckCheck VerifyAcknowledged(accord::v1::IngestService::Stub& stub, const AckLedger& ledger);

// The first `max` of `problems`, one per line, and how many there were.
std::string Describe(const std::vector<std::string>& problems, size_t max = 15);

// The ingest service's head sequence (from WatchChanges' first response); 0 on error.
uint64_t FeedHead(accord::v1::IngestService::Stub& stub);

// Waits until the query service has applied `sequence` (polling ListArticles
// with min_sequence); OK, or the last error when `timeout` passes.
grpc::Status WaitForApplied(accord::v1::QueryService::Stub& stub, uint64_t sequence, absl::Duration timeout);

// The number of articles the query service lists (all pages); -1 on error.
int64_t CountArticles(accord::v1::QueryService::Stub& stub);

// Ingests `count` new articles from `source` on one IngestArticles stream, recording acks.
// Returns the problems (empty: all acknowledged).
std::vector<std::string> IngestBatch(accord::v1::IngestService::Stub& stub, ArticleSource& source,
                                     AckLedger& ledger, int count);

}  // namespace accord::fault

#endif  // ACCORD_TESTS_FAULT_FAULT_SUPPORT_H_
