// The query service through gRPC, following a real ingest service's feed.
#include <functional>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "ingest_service/core/article_ingestor.h"
#include "ingest_service/service/ingest_service_impl.h"
#include "ingest_service/store/ingest_store.h"
#include "query_service/query_server.h"
#include "shared/server/server_runner.h"
#include "tests/testing/fake_extractor.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace accord {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

std::chrono::system_clock::time_point In(absl::Duration d) {
  return std::chrono::system_clock::now() + std::chrono::milliseconds(absl::ToInt64Milliseconds(d));
}

// An ingest service with the fake extractor, on a loopback port.
class IngestFixture {
 public:
  IngestFixture(const std::string& dir, const std::string& listen) {
    ingest::IngestStoreOptions options;
    options.path = dir;
    store_ = *ingest::IngestStore::Open(options);
    ingestor_ = std::make_unique<ingest::ArticleIngestor>(&extractor_, store_.get(), ingest::ArticleLimits());
    service_ = std::make_unique<ingest::IngestServiceImpl>(
        ingestor_.get(), ingest::IngestAccess{open_gate_.get(), open_gate_.get()}, ingest::FeedOptions());
    server::ServerOptions server_options;
    server_options.listen = listen;
    runner_ = *server::ServerRunner::Start(server_options,
                                           {{accord::v1::IngestService::service_full_name(), service_.get()}});
    runner_->OnShutdown([this] { store_->notifier().Shutdown(); });
    runner_->SetServing(true);
    stub_ = accord::v1::IngestService::NewStub(runner_->server()->InProcessChannel(grpc::ChannelArguments()));
  }
  ~IngestFixture() { runner_->Shutdown(); }

  int port() const { return runner_->port(); }

  accord::v1::IngestArticleResponse Ingest(const std::string& text, const std::string& source = "Test Wire",
                                           int day = 1) {
    grpc::ClientContext context;
    accord::v1::IngestArticleRequest request;
    request.mutable_article()->set_text(text);
    request.mutable_article()->set_source(source);
    request.mutable_article()->mutable_published_on()->set_year(2024);
    request.mutable_article()->mutable_published_on()->set_month(3);
    request.mutable_article()->mutable_published_on()->set_day(day);
    accord::v1::IngestArticleResponse response;
    EXPECT_THAT(stub_->IngestArticle(&context, request, &response), IsOk());
    return response;
  }

  uint64_t Delete(const std::string& name) {
    grpc::ClientContext context;
    accord::v1::DeleteArticleRequest request;
    request.set_name(name);
    accord::v1::DeleteArticleResponse response;
    EXPECT_THAT(stub_->DeleteArticle(&context, request, &response), IsOk());
    return response.sequence();
  }

 private:
  testing::FakeExtractor extractor_;
  std::unique_ptr<ingest::IngestStore> store_;
  std::unique_ptr<ingest::ArticleIngestor> ingestor_;
  std::unique_ptr<security::BearerTokenGate> open_gate_ = security::BearerTokenGate::Open();
  std::unique_ptr<ingest::IngestServiceImpl> service_;
  std::unique_ptr<server::ServerRunner> runner_;
  std::unique_ptr<accord::v1::IngestService::Stub> stub_;
};

class QueryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ingest_ = std::make_unique<IngestFixture>(dir_.Sub("ingest"), "127.0.0.1:0");
    StartQuery(absl::StrCat("127.0.0.1:", ingest_->port()));
  }

  void StartQuery(const std::string& ingest_target) {
    query::QueryServerOptions options;
    options.data_dir = dir_.Sub("query");
    options.ingest_target = ingest_target;
    options.follower.min_backoff = absl::Milliseconds(20);
    options.follower.max_backoff = absl::Milliseconds(200);
    auto server = query::QueryServer::BuildAndStart(options);
    ASSERT_THAT(server, IsOk());
    query_ = std::move(*server);
    channel_ = query_->InProcessChannel();
    stub_ = accord::v1::QueryService::NewStub(channel_);
  }

  grpc::health::v1::HealthCheckResponse::ServingStatus Health() {
    auto health = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(In(absl::Seconds(5)));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service("accord.v1.QueryService");
    grpc::health::v1::HealthCheckResponse response;
    EXPECT_THAT(health->Check(&context, request, &response), IsOk());
    return response.status();
  }

  template <typename Request, typename Response, typename Method>
  grpc::Status Call(Method method, Request request, Response* response, uint64_t min_sequence = 0,
                    absl::Duration deadline = absl::Seconds(10)) {
    grpc::ClientContext context;
    context.set_deadline(In(deadline));
    request.set_min_sequence(min_sequence);
    return (stub_.get()->*method)(&context, request, response);
  }

  testing::TempDir dir_;
  std::unique_ptr<IngestFixture> ingest_;
  std::unique_ptr<query::QueryServer> query_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<accord::v1::QueryService::Stub> stub_;
};

using QS = accord::v1::QueryService::Stub;

TEST_F(QueryServiceTest, ReadsItsOwnWritesWithMinSequence) {
  const auto ingested = ingest_->Ingest("official: Sar Sokha | KH\nplan: security | 2024\ncheckpoint: Moc Bai | Bavet | opened");
  accord::v1::GetOfficialRequest get;
  get.set_name("officials/sar-sokha");
  accord::v1::Official official;
  ASSERT_THAT(Call(&QS::GetOfficial, get, &official, ingested.sequence()), IsOk());
  EXPECT_EQ(official.country_code(), "KH");
  EXPECT_THAT(official.article_ids(), ElementsAre(ingested.article_id()));

  accord::v1::GetCooperationPlanRequest plan_request;
  plan_request.set_name("plans/security-kh-vn-2024");
  accord::v1::CooperationPlan plan;
  EXPECT_THAT(Call(&QS::GetCooperationPlan, plan_request, &plan), IsOk());
  accord::v1::GetBorderCheckpointRequest cp_request;
  cp_request.set_name("checkpoints/moc-bai--bavet");
  accord::v1::BorderCheckpoint checkpoint;
  EXPECT_THAT(Call(&QS::GetBorderCheckpoint, cp_request, &checkpoint), IsOk());
  EXPECT_EQ(checkpoint.status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
  accord::v1::GetArticleRequest article_request;
  article_request.set_name(ingested.name());
  accord::v1::Article article;
  EXPECT_THAT(Call(&QS::GetArticle, article_request, &article), IsOk());
  EXPECT_EQ(article.source(), "Test Wire");
  EXPECT_EQ(Health(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(QueryServiceTest, EveryListAnswersWithItsFilters) {
  ingest_->Ingest("official: Sar Sokha | KH\nofficial: Lương Tam Quang | VN\nplan: security | 2025", "VNS", 19);
  const auto last = ingest_->Ingest("official: Tea Banh | KH\nplan: defence | 2021\ncheckpoint: Tan Net | Meun Chey | agreed",
                                    "VNA", 8);
  accord::v1::ListOfficialsRequest officials;
  officials.set_name_query("luong");
  accord::v1::ListOfficialsResponse officials_response;
  ASSERT_THAT(Call(&QS::ListOfficials, officials, &officials_response, last.sequence()), IsOk());
  ASSERT_EQ(officials_response.officials_size(), 1);
  EXPECT_EQ(officials_response.officials(0).display_name(), "Lương Tam Quang");

  accord::v1::ListCooperationPlansRequest plans;
  plans.set_kind(accord::v1::PLAN_KIND_DEFENCE);
  accord::v1::ListCooperationPlansResponse plans_response;
  ASSERT_THAT(Call(&QS::ListCooperationPlans, plans, &plans_response), IsOk());
  ASSERT_EQ(plans_response.plans_size(), 1);
  EXPECT_EQ(plans_response.plans(0).year(), 2021);

  accord::v1::ListBorderCheckpointsRequest checkpoints;
  checkpoints.set_status(accord::v1::CHECKPOINT_STATUS_AGREED);
  accord::v1::ListBorderCheckpointsResponse checkpoints_response;
  ASSERT_THAT(Call(&QS::ListBorderCheckpoints, checkpoints, &checkpoints_response), IsOk());
  ASSERT_EQ(checkpoints_response.checkpoints_size(), 1);

  accord::v1::ListArticlesRequest articles;
  articles.set_supports("officials/sar-sokha");
  accord::v1::ListArticlesResponse articles_response;
  ASSERT_THAT(Call(&QS::ListArticles, articles, &articles_response), IsOk());
  EXPECT_EQ(articles_response.articles_size(), 1);
  articles.Clear();
  articles.set_source("vna");
  ASSERT_THAT(Call(&QS::ListArticles, articles, &articles_response), IsOk());
  ASSERT_EQ(articles_response.articles_size(), 1);
  EXPECT_EQ(articles_response.articles(0).id(), last.article_id());
  EXPECT_TRUE(articles_response.next_page_token().empty());
}

TEST_F(QueryServiceTest, ErrorsNameTheFieldOrTheMissingRecord) {
  const auto ingested = ingest_->Ingest("official: Sar Sokha | KH");
  accord::v1::Official official;
  accord::v1::GetOfficialRequest get;
  get.set_name("officials/nobody");
  EXPECT_THAT(Call(&QS::GetOfficial, get, &official, ingested.sequence()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("officials/nobody")));
  get.set_name("nobody");
  EXPECT_THAT(Call(&QS::GetOfficial, get, &official), StatusIs(kInvalid, HasSubstr("name:")));
  accord::v1::ListOfficialsRequest list;
  list.set_page_token("forged");
  accord::v1::ListOfficialsResponse response;
  EXPECT_THAT(Call(&QS::ListOfficials, list, &response), StatusIs(kInvalid, HasSubstr("page_token")));
  list.Clear();
  list.set_page_size(-5);
  EXPECT_THAT(Call(&QS::ListOfficials, list, &response), StatusIs(kInvalid, HasSubstr("page_size")));
}

TEST_F(QueryServiceTest, EveryGetNamesAMissingOrMalformedName) {
  const auto ingested = ingest_->Ingest("official: Sar Sokha | KH");
  struct Case {
    std::string collection;
    std::function<grpc::Status(const std::string& name)> get;
  };
  const std::vector<Case> cases = {
      {"officials", [&](const std::string& n) { accord::v1::GetOfficialRequest r; r.set_name(n); accord::v1::Official o;
                                                return Call(&QS::GetOfficial, r, &o, ingested.sequence()); }},
      {"plans", [&](const std::string& n) { accord::v1::GetCooperationPlanRequest r; r.set_name(n); accord::v1::CooperationPlan o;
                                            return Call(&QS::GetCooperationPlan, r, &o); }},
      {"checkpoints", [&](const std::string& n) { accord::v1::GetBorderCheckpointRequest r; r.set_name(n); accord::v1::BorderCheckpoint o;
                                                  return Call(&QS::GetBorderCheckpoint, r, &o); }},
      {"articles", [&](const std::string& n) { accord::v1::GetArticleRequest r; r.set_name(n); accord::v1::Article o;
                                               return Call(&QS::GetArticle, r, &o); }},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(c.get(c.collection + "/absent-id"),
                StatusIs(absl::StatusCode::kNotFound, HasSubstr(c.collection + "/absent-id"))) << c.collection;
    for (const std::string& bad : std::vector<std::string>{"", c.collection, c.collection + "/UPPER", "other/x", c.collection + "/a/b"}) {
      EXPECT_THAT(c.get(bad), StatusIs(kInvalid, HasSubstr("name:"))) << c.collection << " " << bad;
    }
  }
}

TEST_F(QueryServiceTest, EveryListRejectsForgedTokensAndNegativePageSizes) {
  const std::vector<std::function<grpc::Status(const std::string&, int)>> lists = {
      [&](const std::string& t, int n) { accord::v1::ListOfficialsRequest r; r.set_page_token(t); r.set_page_size(n);
                                         accord::v1::ListOfficialsResponse o; return Call(&QS::ListOfficials, r, &o); },
      [&](const std::string& t, int n) { accord::v1::ListCooperationPlansRequest r; r.set_page_token(t); r.set_page_size(n);
                                         accord::v1::ListCooperationPlansResponse o; return Call(&QS::ListCooperationPlans, r, &o); },
      [&](const std::string& t, int n) { accord::v1::ListBorderCheckpointsRequest r; r.set_page_token(t); r.set_page_size(n);
                                         accord::v1::ListBorderCheckpointsResponse o; return Call(&QS::ListBorderCheckpoints, r, &o); },
      [&](const std::string& t, int n) { accord::v1::ListArticlesRequest r; r.set_page_token(t); r.set_page_size(n);
                                         accord::v1::ListArticlesResponse o; return Call(&QS::ListArticles, r, &o); },
  };
  for (size_t i = 0; i < lists.size(); ++i) {
    EXPECT_THAT(lists[i]("Zm9yZ2Vk", 0), StatusIs(kInvalid, HasSubstr("page_token"))) << i;
    EXPECT_THAT(lists[i]("", -1), StatusIs(kInvalid, HasSubstr("page_size"))) << i;
    EXPECT_THAT(lists[i]("", 1000000), IsOk()) << i;  // clamped to 500
  }
}

TEST_F(QueryServiceTest, MinSequenceNotReachedIsUnavailableAtTheDeadline) {
  accord::v1::ListOfficialsRequest list;
  accord::v1::ListOfficialsResponse response;
  EXPECT_THAT(Call(&QS::ListOfficials, list, &response, /*min_sequence=*/1000, absl::Milliseconds(300)),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("min_sequence")));
}

TEST_F(QueryServiceTest, MinSequenceWaitsForAChangeThatArrivesLater) {
  grpc::ClientContext context;
  context.set_deadline(In(absl::Seconds(10)));
  accord::v1::GetOfficialRequest get;
  get.set_name("officials/hun-manet");
  get.set_min_sequence(2);  // the article and the official of the ingest below
  accord::v1::Official official;
  grpc::Status status;
  absl::Notification done;
  stub_->async()->GetOfficial(&context, &get, &official, [&](grpc::Status s) {
    status = std::move(s);
    done.Notify();
  });
  ingest_->Ingest("official: Hun Manet | KH");
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_THAT(status, IsOk());
  EXPECT_EQ(official.display_name(), "Hun Manet");
}

TEST_F(QueryServiceTest, DeletingAnArticleIsReflected) {
  const auto a = ingest_->Ingest("official: Sar Sokha | KH\nplan: security | 2024");
  const auto b = ingest_->Ingest("official: Sar Sokha | KH\nanother story");
  const uint64_t sequence = ingest_->Delete(a.name());
  accord::v1::GetCooperationPlanRequest plan;
  plan.set_name("plans/security-kh-vn-2024");
  accord::v1::CooperationPlan p;
  EXPECT_THAT(Call(&QS::GetCooperationPlan, plan, &p, sequence), StatusIs(absl::StatusCode::kNotFound, HasSubstr("plans/")));
  accord::v1::GetOfficialRequest get;
  get.set_name("officials/sar-sokha");
  accord::v1::Official official;
  ASSERT_THAT(Call(&QS::GetOfficial, get, &official), IsOk());
  EXPECT_THAT(official.article_ids(), ElementsAre(b.article_id()));
  accord::v1::ListArticlesRequest articles;
  articles.set_supports("officials/sar-sokha");
  accord::v1::ListArticlesResponse listed;
  ASSERT_THAT(Call(&QS::ListArticles, articles, &listed), IsOk());
  ASSERT_EQ(listed.articles_size(), 1);
  EXPECT_EQ(listed.articles(0).id(), b.article_id());
}

TEST_F(QueryServiceTest, NotServingUntilCaughtUpAndRebuildsWhenTheFeedStartsOver) {
  const auto first = ingest_->Ingest("official: Sar Sokha | KH\nofficial: Tea Banh | KH");
  accord::v1::GetOfficialRequest get;
  get.set_name("officials/tea-banh");
  accord::v1::Official official;
  ASSERT_THAT(Call(&QS::GetOfficial, get, &official, first.sequence()), IsOk());

  // The ingest service loses its data and comes back empty on the same port:
  // the replica's position is beyond the new feed's head (OUT_OF_RANGE), so it
  // rebuilds from 0 and switches over; until then it keeps serving what it had.
  const int port = ingest_->port();
  ingest_.reset();
  ingest_ = std::make_unique<IngestFixture>(dir_.Sub("ingest-new"), absl::StrCat("127.0.0.1:", port));
  ingest_->Ingest("official: Hun Manet | KH");
  const auto second = ingest_->Ingest("official: Hun Sen | KH\nnote: x");  // seq 4 > nothing; head 4
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  grpc::Status status;
  do {
    absl::SleepFor(absl::Milliseconds(50));
    get.set_name("officials/tea-banh");
    status = Call(&QS::GetOfficial, get, &official);
  } while (status.ok() && absl::Now() < deadline);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound, HasSubstr("tea-banh")));  // the old store is gone
  get.set_name("officials/hun-sen");
  EXPECT_THAT(Call(&QS::GetOfficial, get, &official, second.sequence()), IsOk());
}

TEST(QueryServerOptionsTest, RefusesAnIngestAddressWithoutAPort) {
  testing::TempDir dir;
  for (const std::string target : {"127.0.0.1:", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", ":50051"}) {
    query::QueryServerOptions options;
    options.data_dir = dir.Sub("query");
    options.ingest_target = target;
    EXPECT_THAT(query::QueryServer::BuildAndStart(options), StatusIs(kInvalid, HasSubstr("ingest:"))) << target;
  }
}

TEST(QueryServiceHealthTest, NotServingWhileTheFeedIsUnreachable) {
  testing::TempDir dir;
  query::QueryServerOptions options;
  options.data_dir = dir.Sub("query");
  options.ingest_target = "127.0.0.1:1";  // nothing listens there
  auto server = query::QueryServer::BuildAndStart(options);
  ASSERT_THAT(server, IsOk());
  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_THAT(health->Check(&context, request, &response), IsOk());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
}

}  // namespace
}  // namespace accord
