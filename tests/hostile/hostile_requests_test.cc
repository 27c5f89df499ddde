// The hostile-request suite: the real accord-ingest and accord-query binaries
// on 127.0.0.1, seeded with a few articles written for this test, then sent a
// generated, seeded set of well over 1,000 malformed requests (hostile_cases.h)
// as raw bytes through grpc::GenericStub. Each must get its documented status
// (INVALID_ARGUMENT naming the field), nothing stored may change (the feed's
// head and the query service's whole content are compared before and after),
// neither server's memory may grow past a bound, and both must stay healthy.
// Pathological texts at the size limit each come back within a 30 s deadline:
// with extraction linear in the text that is minutes to spare, with a
// quadratic step it is not (a megabyte of combining marks took ~10 minutes).
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/stubs/logging.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "query_service/query/page_token.h"
#include "query_service/query/query_engine.h"
#include "query_service/store/replica_store.h"
#include "tests/hostile/hostile_cases.h"
#include "tests/hostile/hostile_support.h"
#include "tests/testing/service_processes.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace accord::hostile {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::ServiceProcess;
namespace v1 = ::accord::v1;

constexpr int64_t kMaxArticleBytes = 1 << 20;
constexpr int64_t kMaxMessageBytes = 8 << 20;
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
// How much each server's resident memory may grow over the whole suite
// (measured: ~40 MiB for accord-ingest, ~25 MiB for accord-query). The
// requests carry over 100 MiB of text in all; keeping a fraction of it per
// call crosses the bound, and so did accord-ingest keeping each worker's
// freed extraction memory (~75 bytes per byte of text): +500 MiB.
constexpr int64_t kMemoryGrowthBound = 256ll << 20;
constexpr uint64_t kSeed = 20260315;
// Calls in flight at once: the suite's calls are independent.
constexpr int kConcurrency = 4;

std::chrono::system_clock::time_point In(absl::Duration d) {
  return std::chrono::system_clock::now() + absl::ToChronoMicroseconds(d);
}

std::shared_ptr<grpc::Channel> Channel(int port) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  args.SetMaxSendMessageSize(64 << 20);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args);
}

// The seeded articles, written for this test.
std::vector<v1::Article> SeedArticles() {
  std::vector<v1::Article> out;
  auto add = [&](const std::string& url, int y, int m, int d, const std::string& text) {
    v1::Article a;
    a.set_url(url);
    a.set_title("Seed article");
    a.set_source("Hostile Seed Wire");
    a.mutable_published_on()->set_year(y);
    a.mutable_published_on()->set_month(m);
    a.mutable_published_on()->set_day(d);
    a.set_text(text);
    out.push_back(a);
  };
  add("https://hostile.example/seed/security-2024", 2024, 3, 12,
      "Phnom Penh, March 12 - Cambodian Minister of Interior Sar Sokha and Vietnamese Minister of Public Security "
      "Luong Tam Quang signed the 2024 security cooperation plan. The plan targets drug trafficking, human "
      "trafficking and online fraud along the border. The ministers agreed that the Moc Bai - Bavet international "
      "border gate will be upgraded this year.");
  add("https://hostile.example/seed/defence-2023", 2023, 6, 2,
      "Hanoi, June 2 - Vietnamese Minister of National Defence Phan Van Giang and Cambodian Minister of National "
      "Defence Tea Seiha signed the 2023 defence cooperation plan. The two sides agreed to reopen the Le Thanh - "
      "O Yadav international border gate and to share intelligence on transnational crime.");
  add("https://hostile.example/seed/border-2022", 2022, 11, 5,
      "Tay Ninh, November 5 - Border guards of Cambodia and Vietnam signed the 2022 border cooperation plan on "
      "joint patrols. The Xa Mat - Trapeang Phlong international border gate was opened to travellers.");
  // Many officials, so that the largest page (500) is full and clamping shows.
  std::string many = "Phnom Penh, January 20 - A delegation met Vietnamese officials. ";
  for (int i = 0; i < 560; ++i) {
    std::string name;
    for (int j = 0, k = i; j < 3; ++j, k /= 26) {
      name += std::string(1, static_cast<char>('A' + k % 26)) + "ak" +
              std::string(1, static_cast<char>('a' + (k / 26) % 26));
    }
    many += "Cambodian Minister of Interior Sok " + name + " met Vietnamese officials. ";
  }
  add("https://hostile.example/seed/delegation-2025", 2025, 1, 20, many);
  return out;
}

// What a case came back with, in the terms of its expectation.
struct Observed {
  grpc::StatusCode code = grpc::StatusCode::UNKNOWN;
  std::string message;
  std::string response;  // an OK response's bytes (for a stream: the item's result)
  std::string problem;   // a protocol problem (wrong number of stream responses, ...)
};

Observed RunCase(const Case& c, grpc::GenericStub& ingest, grpc::GenericStub& query) {
  grpc::GenericStub& stub = c.method->query ? query : ingest;
  Observed o;
  switch (c.method->shape) {
    case Shape::kUnary: {
      Outcome out = RawUnary(stub, c.method->path, c.body, c.deadline);
      o.code = out.status.error_code();
      o.message = out.status.error_message();
      if (!out.responses.empty()) o.response = out.responses.front();
      break;
    }
    case Shape::kIngestStream: {
      // One request on the stream: one response carrying its result or error.
      Outcome out = RawStream(stub, c.method->path, {c.body}, 2, c.deadline);
      if (!out.status.ok()) {
        o.code = out.status.error_code();
        o.message = out.status.error_message();
        if (!out.responses.empty()) o.problem = "a response came and then the stream failed";
        break;
      }
      v1::IngestArticlesResponse r;
      if (out.responses.size() != 1 || !r.ParseFromString(out.responses.front()) || r.index() != 0) {
        o.code = grpc::StatusCode::OK;
        o.problem = absl::StrCat("the stream ended OK with ", out.responses.size(),
                                 " responses, not one response of index 0");
        break;
      }
      if (r.has_error()) {
        o.code = static_cast<grpc::StatusCode>(r.error().code());
        o.message = r.error().message();
        if (o.code == grpc::StatusCode::OK) o.problem = "an error result with code OK";
      } else {
        o.code = grpc::StatusCode::OK;
        o.response = r.result().SerializeAsString();
      }
      break;
    }
    case Shape::kWatch: {
      Outcome out = RawStream(stub, c.method->path, {c.body}, 1, c.deadline);
      if (!out.responses.empty()) {  // the feed answered; the test cancelled it
        o.code = grpc::StatusCode::OK;
        o.response = out.responses.front();
      } else {
        o.code = out.status.error_code();
        o.message = out.status.error_message();
        if (o.code == grpc::StatusCode::OK) o.problem = "the feed ended OK without a response";
      }
      break;
    }
  }
  return o;
}

// Empty when `o` is what `c` expects; otherwise why not.
std::string Mismatch(const Case& c, const Observed& o) {
  if (!o.problem.empty()) return o.problem;
  if (o.code != c.expected.code || !absl::StartsWith(o.message, c.expected.prefix)) {
    return absl::StrCat("got ", o.code, " \"", absl::CEscape(o.message.substr(0, 200)), "\", expected ",
                        c.expected.code, " \"", absl::CEscape(c.expected.prefix), "...\"");
  }
  if (o.code == grpc::StatusCode::OK && c.check) {
    const std::string why = c.check(o.response);
    if (!why.empty()) return "OK, but " + why;
  }
  return "";
}

class HostileRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ingest_ = testing::StartService(ACCORD_INGEST_BINARY,
                                    {"--data_dir=" + dir_.Sub("ingest"), absl::StrCat("--max_article_bytes=", kMaxArticleBytes),
                                     absl::StrCat("--max_message_bytes=", kMaxMessageBytes)},
                                    dir_.path(), "ingest");
    ASSERT_GT(ingest_.port, 0) << "accord-ingest did not start";
    query_ = testing::StartService(
        ACCORD_QUERY_BINARY,
        {"--data_dir=" + dir_.Sub("query"), absl::StrCat("--ingest=127.0.0.1:", ingest_.port),
         absl::StrCat("--max_message_bytes=", kMaxMessageBytes), absl::StrCat("--default_page_size=", kDefaultPageSize),
         absl::StrCat("--max_page_size=", kMaxPageSize), "--page_token_lifetime=1h"},
        dir_.path(), "query");
    ASSERT_GT(query_.port, 0) << "accord-query did not start";
    ingest_channel_ = Channel(ingest_.port);
    query_channel_ = Channel(query_.port);
    ingest_stub_ = v1::IngestService::NewStub(ingest_channel_);
    query_stub_ = v1::QueryService::NewStub(query_channel_);
    ASSERT_TRUE(testing::WaitForServing(query_channel_, "accord.v1.QueryService", absl::Seconds(60)));
  }

  // Stores the seed articles; returns the last commit's sequence.
  uint64_t Seed() {
    uint64_t last = 0;
    for (const v1::Article& a : SeedArticles()) {
      grpc::ClientContext context;
      context.set_deadline(In(absl::Seconds(30)));
      v1::IngestArticleRequest request;
      *request.mutable_article() = a;
      v1::IngestArticleResponse response;
      EXPECT_THAT(ingest_stub_->IngestArticle(&context, request, &response), IsOk()) << a.url();
      last = std::max(last, response.sequence());
    }
    return last;
  }

  // The feed's head and id, from the first response of WatchChanges.
  std::pair<uint64_t, std::string> FeedHead() {
    grpc::ClientContext context;
    context.set_deadline(In(absl::Seconds(10)));
    v1::WatchChangesRequest request;
    request.set_max_batch(1);
    auto reader = ingest_stub_->WatchChanges(&context, request);
    v1::WatchChangesResponse response;
    const bool read = reader->Read(&response);
    context.TryCancel();
    reader->Finish();
    EXPECT_TRUE(read) << "WatchChanges sent nothing";
    return {response.head_sequence(), response.feed_id()};
  }

  // Waits until the replica has applied `sequence`.
  void AwaitReplica(uint64_t sequence) {
    grpc::ClientContext context;
    context.set_deadline(In(absl::Seconds(60)));
    v1::ListArticlesRequest request;
    request.set_page_size(1);
    request.set_min_sequence(sequence);
    v1::ListArticlesResponse response;
    ASSERT_THAT(query_stub_->ListArticles(&context, request, &response), IsOk());
  }

  template <typename Request, typename Response, typename Call, typename Names>
  std::vector<std::string> ListNames(Call call, Names names) {
    std::vector<std::string> out;
    Request request;
    request.set_page_size(kMaxPageSize);
    do {
      grpc::ClientContext context;
      context.set_deadline(In(absl::Seconds(30)));
      Response response;
      EXPECT_THAT(call(&context, request, &response), IsOk());
      for (const auto& r : names(response)) out.push_back(r.name());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return out;
  }

  template <typename Request, typename Response, typename Call>
  std::string FirstToken(Call call) {
    grpc::ClientContext context;
    context.set_deadline(In(absl::Seconds(30)));
    Request request;
    request.set_page_size(1);
    Response response;
    EXPECT_THAT(call(&context, request, &response), IsOk());
    return response.next_page_token();
  }

  // Everything the generators need, from the running services.
  void Describe(World* w) {
    auto [head, feed_id] = FeedHead();
    w->head = head;
    w->feed_id = feed_id;
    w->max_article_bytes = kMaxArticleBytes;
    w->max_message_bytes = kMaxMessageBytes;
    w->default_page_size = kDefaultPageSize;
    w->max_page_size = kMaxPageSize;
    auto& q = *query_stub_;
    w->officials = ListNames<v1::ListOfficialsRequest, v1::ListOfficialsResponse>(
        [&](auto* c, const auto& r, auto* s) { return q.ListOfficials(c, r, s); },
        [](const auto& s) { return s.officials(); });
    w->plans = ListNames<v1::ListCooperationPlansRequest, v1::ListCooperationPlansResponse>(
        [&](auto* c, const auto& r, auto* s) { return q.ListCooperationPlans(c, r, s); },
        [](const auto& s) { return s.plans(); });
    w->checkpoints = ListNames<v1::ListBorderCheckpointsRequest, v1::ListBorderCheckpointsResponse>(
        [&](auto* c, const auto& r, auto* s) { return q.ListBorderCheckpoints(c, r, s); },
        [](const auto& s) { return s.checkpoints(); });
    w->articles = ListNames<v1::ListArticlesRequest, v1::ListArticlesResponse>(
        [&](auto* c, const auto& r, auto* s) { return q.ListArticles(c, r, s); },
        [](const auto& s) { return s.articles(); });
    w->tokens["/accord.v1.QueryService/ListOfficials"] = FirstToken<v1::ListOfficialsRequest, v1::ListOfficialsResponse>(
        [&](auto* c, const auto& r, auto* s) { return q.ListOfficials(c, r, s); });
    w->tokens["/accord.v1.QueryService/ListCooperationPlans"] =
        FirstToken<v1::ListCooperationPlansRequest, v1::ListCooperationPlansResponse>(
            [&](auto* c, const auto& r, auto* s) { return q.ListCooperationPlans(c, r, s); });
    w->tokens["/accord.v1.QueryService/ListBorderCheckpoints"] =
        FirstToken<v1::ListBorderCheckpointsRequest, v1::ListBorderCheckpointsResponse>(
            [&](auto* c, const auto& r, auto* s) { return q.ListBorderCheckpoints(c, r, s); });
    w->tokens["/accord.v1.QueryService/ListArticles"] = FirstToken<v1::ListArticlesRequest, v1::ListArticlesResponse>(
        [&](auto* c, const auto& r, auto* s) { return q.ListArticles(c, r, s); });
  }

  bool Healthy(const std::shared_ptr<grpc::Channel>& channel, const std::string& service) {
    return testing::WaitForServing(channel, service, absl::Seconds(10));
  }

  testing::TempDir dir_;
  ServiceProcess ingest_;
  ServiceProcess query_;
  std::shared_ptr<grpc::Channel> ingest_channel_;
  std::shared_ptr<grpc::Channel> query_channel_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::QueryService::Stub> query_stub_;
};

TEST_F(HostileRequestsTest, EveryMalformedRequestGetsItsDocumentedStatusAndChangesNothing) {
  AwaitReplica(Seed());
  World world;
  Describe(&world);
  ASSERT_FALSE(world.feed_id.empty());
  ASSERT_EQ(world.articles.size(), 4u);
  ASSERT_GT(world.officials.size(), static_cast<size_t>(kMaxPageSize)) << "the seed must fill the largest page";
  ASSERT_GE(world.plans.size(), 2u);
  ASSERT_GE(world.checkpoints.size(), 2u);
  for (const auto& [path, token] : world.tokens) ASSERT_FALSE(token.empty()) << path << " gave no next_page_token";

  // The oracles for random bodies: the real validation, on an empty replica.
  auto empty = query::ReplicaStore::Open(dir_.Sub("oracle"), storage::RocksDbOptions());
  ASSERT_THAT(empty, IsOk());
  const query::PageTokenCodec codec(absl::Hours(1));
  query::QueryLimits limits;
  limits.default_page_size = kDefaultPageSize;
  limits.max_page_size = kMaxPageSize;
  const query::QueryEngine engine(&codec, limits);
  world.engine = &engine;
  world.empty_replica = empty->get();
  world.codec = &codec;

  // The oracles parse invalid UTF-8 on purpose: no log line per case.
  google::protobuf::LogHandler* log_handler = google::protobuf::SetLogHandler(nullptr);
  const std::vector<Case> cases = GenerateCases(world, kSeed);
  google::protobuf::SetLogHandler(log_handler);
  std::map<std::string, int> per_category;
  for (const Case& c : cases) ++per_category[c.category];
  std::printf("hostile requests, seed %llu:\n", static_cast<unsigned long long>(kSeed));
  for (const auto& [category, n] : per_category) std::printf("  %-14s %5d\n", category.c_str(), n);
  std::printf("  %-14s %5zu\n", "total", cases.size());
  std::fflush(stdout);
  EXPECT_GE(cases.size(), 1000u);
  for (const char* required : {"invalid_utf8", "nul_bytes", "text_size", "pathological", "random_bytes", "page_size",
                               "page_token", "unknown_enum", "names"}) {
    EXPECT_GT(per_category[required], 0) << required;
  }

  const std::vector<std::string> digest_before = testing::QueryDigest(*query_stub_);
  const int64_t ingest_rss_before = ResidentBytes(ingest_.process->pid());
  const int64_t query_rss_before = ResidentBytes(query_.process->pid());
  ASSERT_GT(ingest_rss_before, 0);
  ASSERT_GT(query_rss_before, 0);

  grpc::GenericStub ingest(ingest_channel_);
  grpc::GenericStub query(query_channel_);
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::vector<std::string> failures;
  std::map<std::string, int> failed_per_category;
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kConcurrency; ++t) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < cases.size(); i = next++) {
        const Case& c = cases[i];
        const std::string why = Mismatch(c, RunCase(c, ingest, query));
        if (why.empty()) continue;
        std::lock_guard<std::mutex> lock(mu);
        ++failed_per_category[c.category];
        failures.push_back(absl::StrCat("#", i, " [", c.category, "] ", c.method->path, " ", c.label, ": ", why));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::printf("  sent in %.1f s\n", absl::ToDoubleSeconds(absl::Now() - start));
  std::sort(failures.begin(), failures.end());
  for (size_t i = 0; i < failures.size(); ++i) {
    if (i < 40) {
      ADD_FAILURE() << failures[i];
    } else {
      std::printf("  also failed: %s\n", failures[i].c_str());
    }
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << cases.size() << " requests got the wrong answer";
  for (const auto& [category, n] : failed_per_category) std::printf("  failed %-14s %5d\n", category.c_str(), n);

  // Nothing stored changed: the feed's head (every write moves it) and all
  // the query service holds.
  EXPECT_EQ(FeedHead(), std::make_pair(world.head, world.feed_id));
  EXPECT_EQ(testing::QueryDigest(*query_stub_), digest_before);

  const int64_t ingest_rss_after = ResidentBytes(ingest_.process->pid());
  const int64_t query_rss_after = ResidentBytes(query_.process->pid());
  std::printf("  VmRSS accord-ingest %.1f -> %.1f MiB, accord-query %.1f -> %.1f MiB (bound: +%lld MiB)\n",
              ingest_rss_before / 1048576.0, ingest_rss_after / 1048576.0, query_rss_before / 1048576.0,
              query_rss_after / 1048576.0, static_cast<long long>(kMemoryGrowthBound >> 20));
  std::printf("  VmHWM (peak) accord-ingest %.1f MiB, accord-query %.1f MiB\n",
              PeakResidentBytes(ingest_.process->pid()) / 1048576.0,
              PeakResidentBytes(query_.process->pid()) / 1048576.0);
  EXPECT_LT(ingest_rss_after - ingest_rss_before, kMemoryGrowthBound);
  EXPECT_LT(query_rss_after - query_rss_before, kMemoryGrowthBound);

  EXPECT_TRUE(Healthy(ingest_channel_, "accord.v1.IngestService"));
  EXPECT_TRUE(Healthy(query_channel_, "accord.v1.QueryService"));
  EXPECT_EQ(ingest_.process->Wait(absl::ZeroDuration()), std::nullopt) << "accord-ingest exited";
  EXPECT_EQ(query_.process->Wait(absl::ZeroDuration()), std::nullopt) << "accord-query exited";
}

// IngestArticles: "one result per request, in order; a bad article gets its
// own error result and the stream goes on". Good and bad requests mixed, the
// bad ones including requests that do not parse (invalid UTF-8, garbage).
TEST_F(HostileRequestsTest, IngestArticlesStreamAnswersEveryRequestInOrder) {
  struct Item {
    std::string label;
    std::string body;
    grpc::StatusCode code;  // of the item's error; OK for a result
    std::string prefix;     // of the error message
    bool stored = false;    // a good article that must be stored
  };
  auto article = [](const std::string& tag) {
    v1::Article a;
    a.set_url("https://hostile.example/stream/" + tag);
    a.set_source("Hostile Stream Wire");
    a.mutable_published_on()->set_year(2024);
    a.mutable_published_on()->set_month(7);
    a.mutable_published_on()->set_day(1);
    a.set_text("Cambodian Minister of Interior Sar Sokha and Vietnamese Minister of Public Security Luong Tam Quang "
               "reviewed the 2024 security cooperation plan. Report " + tag + ".");
    return a;
  };
  auto body = [](const v1::Article& a, bool validate_only = false) {
    v1::IngestArticleRequest r;
    *r.mutable_article() = a;
    r.set_validate_only(validate_only);
    return r.SerializeAsString();
  };
  const std::string unparsable = "request: does not parse as accord.v1.IngestArticleRequest";
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  std::vector<Item> items;
  items.push_back({"good a", body(article("a")), grpc::StatusCode::OK, "", true});
  v1::Article empty = article("empty");
  empty.clear_text();
  items.push_back({"empty text", body(empty), kInvalid, "article.text: "});
  items.push_back({"good b", body(article("b")), grpc::StatusCode::OK, "", true});
  items.push_back({"invalid UTF-8 in text", body(article("utf8")) + Wire().Message(1, Wire().Bytes(7, "ab\xFF")).bytes(),
                   kInvalid, unparsable});
  v1::Article nul = article("nul");
  nul.set_text(std::string("Cambodia\0Vietnam", 16));
  items.push_back({"NUL in text", body(nul), kInvalid, "article.text: "});
  items.push_back({"garbage bytes", std::string("\xFF\xFF\xFF\xFF\x0F", 5), kInvalid, unparsable});
  items.push_back({"good c", body(article("c")), grpc::StatusCode::OK, "", true});
  v1::Article url = article("url");
  url.set_url("ftp://hostile.example/x");
  items.push_back({"ftp url", body(url), kInvalid, "article.url: "});
  v1::Article date = article("date");
  date.mutable_published_on()->set_day(31);
  date.mutable_published_on()->set_month(6);
  items.push_back({"June 31", body(date), kInvalid, "article.published_on: "});
  items.push_back({"good a again", body(article("a")), grpc::StatusCode::OK, ""});
  v1::Article title = article("title");
  title.set_title(std::string(2049, 't'));
  items.push_back({"title over the limit", body(title), kInvalid, "article.title: "});
  items.push_back({"good d, validate_only", body(article("d"), true), grpc::StatusCode::OK, ""});
  items.push_back({"invalid UTF-8 in title",
                   body(article("utf8-title")) + Wire().Message(1, Wire().Bytes(4, "\xC0\x80")).bytes(), kInvalid,
                   unparsable});
  items.push_back({"text over the limit", body([&] {
                     v1::Article big = article("big");
                     big.set_text(std::string(kMaxArticleBytes + 1, 'x'));
                     return big;
                   }()),
                   kInvalid, "article.text: "});
  items.push_back({"good e", body(article("e")), grpc::StatusCode::OK, "", true});

  std::vector<std::string> bodies;
  for (const Item& i : items) bodies.push_back(i.body);
  grpc::GenericStub stub(ingest_channel_);
  const Outcome out = RawStream(stub, "/accord.v1.IngestService/IngestArticles", bodies, 1000, absl::Seconds(60));
  EXPECT_TRUE(out.status.ok()) << out.status.error_code() << " " << out.status.error_message();
  EXPECT_EQ(out.responses.size(), items.size()) << "one response per request";
  uint64_t last_sequence = 0;
  std::vector<std::string> stored;
  for (size_t i = 0; i < out.responses.size() && i < items.size(); ++i) {
    v1::IngestArticlesResponse r;
    ASSERT_TRUE(r.ParseFromString(out.responses[i]));
    EXPECT_EQ(r.index(), i) << "responses come in request order";
    const Item& item = items[i];
    if (item.code == grpc::StatusCode::OK) {
      ASSERT_TRUE(r.has_result()) << item.label << ": " << r.error().message();
      last_sequence = std::max(last_sequence, r.result().sequence());
      if (item.stored) stored.push_back(r.result().name());
    } else {
      ASSERT_TRUE(r.has_error()) << item.label << " was accepted";
      EXPECT_EQ(r.error().code(), static_cast<int>(item.code)) << item.label;
      EXPECT_TRUE(absl::StartsWith(r.error().message(), item.prefix))
          << item.label << ": \"" << r.error().message() << "\" does not start with \"" << item.prefix << "\"";
    }
  }
  for (size_t i = out.responses.size(); i < items.size(); ++i) ADD_FAILURE() << "no response for " << items[i].label;

  // The good ones are stored, and only they: the replica lists exactly them.
  ASSERT_GT(last_sequence, 0u);
  AwaitReplica(last_sequence);
  std::vector<std::string> listed;
  grpc::ClientContext context;
  context.set_deadline(In(absl::Seconds(30)));
  v1::ListArticlesRequest request;
  request.set_page_size(100);
  v1::ListArticlesResponse response;
  ASSERT_THAT(query_stub_->ListArticles(&context, request, &response), IsOk());
  for (const auto& a : response.articles()) listed.push_back(a.name());
  std::sort(listed.begin(), listed.end());
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(listed, stored);
  EXPECT_EQ(stored.size(), 4u);
}

// A status message must not carry a huge request field back: gRPC sends the
// status in one header block, and one over the peer's metadata limit fails
// that call with a transport error (and, on a shared connection, the calls
// beside it). WatchChanges quoted the caller's feed_id in full.
TEST_F(HostileRequestsTest, StatusMessagesStayShortWhateverTheRequest) {
  auto [head, feed_id] = FeedHead();
  ASSERT_FALSE(feed_id.empty());
  // A feed stream that stays open beside the hostile calls, on the same channel.
  grpc::ClientContext watch_context;
  watch_context.set_deadline(In(absl::Seconds(60)));
  v1::WatchChangesRequest watch;
  watch.set_after_sequence(head);
  auto feed = ingest_stub_->WatchChanges(&watch_context, watch);
  v1::WatchChangesResponse first;
  ASSERT_TRUE(feed->Read(&first));

  grpc::GenericStub stub(ingest_channel_);
  for (size_t size : {size_t{100}, size_t{16} << 10, size_t{1} << 20}) {
    const Outcome out = RawStream(stub, "/accord.v1.IngestService/WatchChanges",
                                  {Wire().Bytes(3, std::string(size, 'f')).bytes()}, 1, absl::Seconds(10));
    EXPECT_EQ(out.status.error_code(), grpc::StatusCode::OUT_OF_RANGE)
        << "feed_id of " << size << " bytes: " << out.status.error_message().substr(0, 200);
    EXPECT_TRUE(absl::StartsWith(out.status.error_message(), "feed_id")) << size;
    EXPECT_LT(out.status.error_message().size(), 1024u) << size;
  }
  // The open feed still works: it carries the next change.
  v1::IngestArticleRequest ingest;
  ingest.mutable_article()->set_text("Cambodian and Vietnamese border guards met at the Moc Bai - Bavet gate.");
  grpc::ClientContext ingest_context;
  ingest_context.set_deadline(In(absl::Seconds(30)));
  v1::IngestArticleResponse ingested;
  ASSERT_THAT(ingest_stub_->IngestArticle(&ingest_context, ingest, &ingested), IsOk());
  v1::WatchChangesResponse next;
  bool seen = false;
  while (!seen && feed->Read(&next)) {
    for (const auto& change : next.changes()) seen = seen || change.sequence() == ingested.sequence();
  }
  EXPECT_TRUE(seen) << "the feed stream beside the hostile calls broke";
  watch_context.TryCancel();
  feed->Finish();
}

// Pathological texts at the limit, stored for real: extraction, merging, the
// feed and the replica each finish within the deadline, and memory stays bounded.
TEST_F(HostileRequestsTest, PathologicalArticlesAreStoredAndServedWithinTheDeadline) {
  const int64_t ingest_rss_before = ResidentBytes(ingest_.process->pid());
  const int64_t query_rss_before = ResidentBytes(query_.process->pid());
  const std::set<std::string> chosen = {"a million capitals",
                                        "nested brackets",
                                        "a letter and a megabyte of alternating combining marks",
                                        "one plan sentence repeated",
                                        "thousands of distinct officials",
                                        "thousands of distinct border gates"};
  uint64_t last = 0;
  std::vector<std::string> names;
  int i = 0;
  for (const auto& [label, text] : PathologicalTexts(kMaxArticleBytes)) {
    if (chosen.count(label) == 0) continue;
    grpc::ClientContext context;
    context.set_deadline(In(absl::Seconds(30)));
    v1::IngestArticleRequest request;
    request.mutable_article()->set_url(absl::StrCat("https://hostile.example/pathological/", i++));
    request.mutable_article()->set_text(text);
    v1::IngestArticleResponse response;
    ASSERT_THAT(ingest_stub_->IngestArticle(&context, request, &response), IsOk()) << label;
    EXPECT_LT(response.ByteSizeLong(), static_cast<size_t>(kMaxMessageBytes)) << label;
    last = std::max(last, response.sequence());
    names.push_back(response.name());
  }
  ASSERT_EQ(names.size(), chosen.size());
  AwaitReplica(last);
  for (const std::string& name : names) {
    grpc::ClientContext context;
    context.set_deadline(In(absl::Seconds(30)));
    v1::GetArticleRequest request;
    request.set_name(name);
    v1::Article article;
    ASSERT_THAT(query_stub_->GetArticle(&context, request, &article), IsOk()) << name;
    EXPECT_EQ(article.text().size(), static_cast<size_t>(kMaxArticleBytes)) << name;
  }
  EXPECT_GT(testing::QueryDigest(*query_stub_).size(), 100u);  // the officials and gates are served
  const int64_t ingest_rss_after = ResidentBytes(ingest_.process->pid());
  const int64_t query_rss_after = ResidentBytes(query_.process->pid());
  std::printf("VmRSS accord-ingest %.1f -> %.1f MiB, accord-query %.1f -> %.1f MiB\n", ingest_rss_before / 1048576.0,
              ingest_rss_after / 1048576.0, query_rss_before / 1048576.0, query_rss_after / 1048576.0);
  EXPECT_LT(ingest_rss_after - ingest_rss_before, kMemoryGrowthBound);
  EXPECT_LT(query_rss_after - query_rss_before, kMemoryGrowthBound);
  EXPECT_TRUE(Healthy(ingest_channel_, "accord.v1.IngestService"));
  EXPECT_TRUE(Healthy(query_channel_, "accord.v1.QueryService"));
}

}  // namespace
}  // namespace accord::hostile
