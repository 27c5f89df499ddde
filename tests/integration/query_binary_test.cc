// Both real binaries on 127.0.0.1, port 0: accord-ingest and accord-query
// following its feed, with the real extractor.
#include <signal.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/service_processes.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace accord {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::ServiceProcess;
using ::accord::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;

std::chrono::system_clock::time_point In(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

// A generated article: a signing between two ministers with varied names.
accord::v1::Article MakeArticle(int i) {
  static const char* kKhmer[] = {"Sok Chanthy", "Chea Vannak", "Prak Sokhon", "Keo Rithy", "Mam Bunheng"};
  static const char* kViet[] = {"Nguyen Van Binh", "Tran Duc Thang", "Pham Minh Hoa", "Le Quang Vinh", "Vo Thanh Son"};
  accord::v1::Article a;
  a.set_url(absl::StrCat("https://news.example/accord-it/", i));
  a.set_source(i % 2 ? "Example Wire" : "Border Daily");
  a.mutable_published_on()->set_year(2020 + i % 6);
  a.mutable_published_on()->set_month(1 + i % 12);
  a.mutable_published_on()->set_day(1 + i % 28);
  a.set_text(absl::StrCat("Cambodian Minister of Interior ", kKhmer[i % 5], " and Vietnamese Minister of Public ",
                          "Security ", kViet[(i / 5) % 5], " signed the ", 2020 + i % 6,
                          " security cooperation plan on January ", 1 + i % 28, ". The ministers agreed to ",
                          "fight drug trafficking and human trafficking along the border. Dispatch ", i, "."));
  return a;
}

class QueryBinaryTest : public ::testing::Test {
 protected:
  ServiceProcess StartIngest(int port = 0) {
    ServiceProcess p = testing::StartService(ACCORD_INGEST_BINARY, {"--data_dir=" + dir_.Sub("ingest")}, dir_.path(),
                                             "ingest", port);
    EXPECT_GT(p.port, 0) << "accord-ingest did not start";
    ingest_stub_ = accord::v1::IngestService::NewStub(p.channel);
    return p;
  }

  ServiceProcess StartQuery(const std::string& data, int ingest_port, const std::string& batch = "0") {
    ServiceProcess p = testing::StartService(
        ACCORD_QUERY_BINARY,
        {"--data_dir=" + dir_.Sub(data), absl::StrCat("--ingest=127.0.0.1:", ingest_port), "--feed_batch=" + batch},
        dir_.path(), data);
    EXPECT_GT(p.port, 0) << "accord-query did not start";
    return p;
  }

  accord::v1::IngestArticleResponse Ingest(const accord::v1::Article& article) {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    accord::v1::IngestArticleRequest request;
    *request.mutable_article() = article;
    accord::v1::IngestArticleResponse response;
    EXPECT_THAT(ingest_stub_->IngestArticle(&context, request, &response), IsOk());
    return response;
  }

  testing::TempDir dir_;
  std::unique_ptr<accord::v1::IngestService::Stub> ingest_stub_;
};

TEST_F(QueryBinaryTest, IngestedRecordsAreQueryableAndDeletesAreReflected) {
  ServiceProcess ingest = StartIngest();
  ServiceProcess query = StartQuery("query", ingest.port);
  ASSERT_TRUE(testing::WaitForServing(query.channel, "accord.v1.QueryService", absl::Seconds(30)));
  auto stub = accord::v1::QueryService::NewStub(query.channel);

  std::vector<accord::v1::IngestArticleResponse> responses;
  for (int i = 0; i < 20; ++i) responses.push_back(Ingest(MakeArticle(i)));
  int officials_checked = 0;
  for (const auto& r : responses) {
    ASSERT_FALSE(r.extraction().officials().empty()) << "the extractor found no official in article " << r.name();
    for (const auto& official : r.extraction().officials()) {
      grpc::ClientContext context;
      context.set_deadline(In(10));
      accord::v1::GetOfficialRequest get;
      get.set_name(official.name());
      get.set_min_sequence(r.sequence());
      accord::v1::Official got;
      ASSERT_THAT(stub->GetOfficial(&context, get, &got), IsOk()) << official.name();
      EXPECT_THAT(got.article_ids(), Contains(r.article_id()));
      ++officials_checked;
    }
  }
  EXPECT_GE(officials_checked, 40);

  // Delete the first article: it disappears, and records it alone supported go too.
  const auto& first = responses.front();
  grpc::ClientContext del_context;
  accord::v1::DeleteArticleRequest del;
  del.set_name(first.name());
  accord::v1::DeleteArticleResponse deleted;
  ASSERT_THAT(ingest_stub_->DeleteArticle(&del_context, del, &deleted), IsOk());
  grpc::ClientContext get_context;
  get_context.set_deadline(In(10));
  accord::v1::GetArticleRequest get_article;
  get_article.set_name(first.name());
  get_article.set_min_sequence(deleted.sequence());
  accord::v1::Article article;
  EXPECT_THAT(stub->GetArticle(&get_context, get_article, &article),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(first.name())));
  for (const auto& official : first.extraction().officials()) {
    grpc::ClientContext context;
    accord::v1::ListArticlesRequest list;
    list.set_supports(official.name());
    accord::v1::ListArticlesResponse listed;
    ASSERT_THAT(stub->ListArticles(&context, list, &listed), IsOk());
    for (const auto& a : listed.articles()) EXPECT_NE(a.id(), first.article_id());
  }
}

TEST_F(QueryBinaryTest, ReplicaKilledDuringCatchUpEndsEqualToAFreshOne) {
  ServiceProcess ingest = StartIngest();
  for (int i = 0; i < 120; ++i) Ingest(MakeArticle(i));
  std::mt19937 rng(2026);
  for (int round = 0; round < 3; ++round) {
    {
      // Small feed batches make catch-up take many WriteBatches; kill it part-way.
      ServiceProcess doomed = StartQuery("replica-killed", ingest.port, "7");
      absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(5, 80)(rng)));
      doomed.process->Signal(SIGKILL);
      ASSERT_TRUE(doomed.process->Wait(absl::Seconds(10)).has_value());
    }
  }
  ServiceProcess restarted = StartQuery("replica-killed", ingest.port, "7");
  ServiceProcess fresh = StartQuery("replica-fresh", ingest.port);
  ASSERT_TRUE(testing::WaitForServing(restarted.channel, "accord.v1.QueryService", absl::Seconds(60)));
  ASSERT_TRUE(testing::WaitForServing(fresh.channel, "accord.v1.QueryService", absl::Seconds(60)));
  auto restarted_stub = accord::v1::QueryService::NewStub(restarted.channel);
  auto fresh_stub = accord::v1::QueryService::NewStub(fresh.channel);
  const std::vector<std::string> expected = testing::QueryDigest(*fresh_stub);
  EXPECT_GE(expected.size(), 120u + 10u);  // 120 articles and the officials and plans they name
  EXPECT_EQ(testing::QueryDigest(*restarted_stub), expected);
}

TEST_F(QueryBinaryTest, ReplicaKeepsServingWhileIngestIsDownAndFollowsAfterRestart) {
  ServiceProcess ingest = StartIngest();
  const int ingest_port = ingest.port;
  ServiceProcess query = StartQuery("query", ingest_port);
  ASSERT_TRUE(testing::WaitForServing(query.channel, "accord.v1.QueryService", absl::Seconds(30)));
  auto stub = accord::v1::QueryService::NewStub(query.channel);
  const auto before = Ingest(MakeArticle(1));

  ingest.process->Signal(SIGTERM);
  ASSERT_EQ(ingest.process->Wait(absl::Seconds(20)), std::optional<int>(0));
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    accord::v1::GetArticleRequest get;
    get.set_name(before.name());
    get.set_min_sequence(before.sequence());
    accord::v1::Article article;
    EXPECT_THAT(stub->GetArticle(&context, get, &article), IsOk()) << "the replica must serve what it has";
  }
  ServiceProcess again = StartIngest(ingest_port);
  ASSERT_EQ(again.port, ingest_port);
  const auto after = Ingest(MakeArticle(2));
  EXPECT_GT(after.sequence(), before.sequence());
  grpc::ClientContext context;
  context.set_deadline(In(30));
  accord::v1::GetArticleRequest get;
  get.set_name(after.name());
  get.set_min_sequence(after.sequence());
  accord::v1::Article article;
  EXPECT_THAT(stub->GetArticle(&context, get, &article), IsOk()) << "the replica must reconnect and follow";
}

}  // namespace
}  // namespace accord
