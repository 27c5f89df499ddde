// The generated hostile requests: every case is a method, the exact bytes of
// its request and the status the API documents for it. Generation is
// deterministic (a fixed seed), so a failure names a case that comes back on
// every run.
#ifndef ACCORD_TESTS_HOSTILE_HOSTILE_CASES_H_
#define ACCORD_TESTS_HOSTILE_HOSTILE_CASES_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "query_service/query/query_engine.h"
#include "query_service/store/replica_store.h"

namespace accord::hostile {

enum class Shape {
  kUnary,
  // IngestArticles: one response per request; a bad request's status is the
  // response's `error`, and the stream itself ends OK.
  kIngestStream,
  // WatchChanges: OK means the first response came (then the test cancels).
  kWatch,
};

struct Method {
  std::string path;  // "/accord.v1.IngestService/IngestArticle"
  Shape shape;
  bool query;        // served by accord-query (else accord-ingest)
};

// Every method of both services.
const std::vector<Method>& AllMethods();
const Method& MethodNamed(const std::string& path);

struct Expected {
  grpc::StatusCode code = grpc::StatusCode::OK;
  // The message must start with this (for INVALID_ARGUMENT: the field, "name: ").
  std::string prefix;
};

struct Case {
  std::string category;
  std::string label;  // what is hostile about it, for failure messages
  const Method* method;
  std::string body;
  Expected expected;
  absl::Duration deadline = absl::Seconds(10);
  // Optional check of an OK response's bytes: an empty string when fine.
  std::function<std::string(const std::string& response)> check;
};

// What the generators need to know about the running services.
struct World {
  int64_t max_article_bytes = 0;
  int64_t max_message_bytes = 0;
  int max_page_size = 0;
  int default_page_size = 0;
  uint64_t head = 0;  // the feed's head: every min_sequence above it waits
  std::string feed_id;
  // Names of the seeded records (each list non-empty).
  std::vector<std::string> articles, officials, plans, checkpoints;
  // A genuine next_page_token of each List method's unfiltered first page of one.
  std::map<std::string, std::string> tokens;  // by method path
  // Oracles for bodies that happen to parse: the real validation of an
  // empty replica and of the ingest validator (they raise no other errors).
  const query::QueryEngine* engine = nullptr;
  const query::ReplicaStore* empty_replica = nullptr;
  const query::PageTokenCodec* codec = nullptr;  // same lifetime as the server's
};

// All the cases, in a fixed order. `seed` drives every random choice.
std::vector<Case> GenerateCases(const World& world, uint64_t seed);

// Pathological article texts of exactly `bytes` bytes (valid UTF-8), by name:
// a million capitals, endless dashes, nested brackets, long runs of
// combining marks, one sentence repeated, thousands of distinct names, ...
std::vector<std::pair<std::string, std::string>> PathologicalTexts(size_t bytes);

// The status a request body gets when it does not parse, or, when it does,
// the status of the message it parses as. nullopt when the message would
// change the store (a valid article, a seeded name to delete): not hostile.
std::optional<Expected> OracleFor(const Method& method, const std::string& body, const World& world);

}  // namespace accord::hostile

#endif  // ACCORD_TESTS_HOSTILE_HOSTILE_CASES_H_
