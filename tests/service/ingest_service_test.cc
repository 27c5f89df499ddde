// The ingest service through a real grpc::Server and its in-process channel.
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "ingest_service/core/article_ingestor.h"
#include "ingest_service/service/ingest_service_impl.h"
#include "ingest_service/store/ingest_store.h"
#include "shared/server/server_runner.h"
#include "tests/testing/fake_extractor.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace accord::ingest {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::StatusIs;
using ::accord::v1::IngestArticleRequest;
using ::accord::v1::IngestArticleResponse;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

std::chrono::system_clock::time_point In(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

class IngestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(/*retention=*/1000); }
  void TearDown() override { Stop(); }

  void Start(uint64_t retention) {
    IngestStoreOptions store_options;
    store_options.path = dir_.Sub("db");
    store_options.feed_retention = retention;
    auto store = IngestStore::Open(store_options);
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
    ArticleLimits limits;
    limits.max_text_bytes = 4096;
    ingestor_ = std::make_unique<ArticleIngestor>(&extractor_, store_.get(), limits);
    FeedOptions feed;
    feed.max_batch = 3;
    service_ = std::make_unique<IngestServiceImpl>(ingestor_.get(), IngestAccess{open_gate_.get(), open_gate_.get()}, feed);
    auto runner = server::ServerRunner::Start(server::ServerOptions(),
                                              {{accord::v1::IngestService::service_full_name(), service_.get()}});
    ASSERT_THAT(runner, IsOk());
    runner_ = std::move(*runner);
    runner_->OnShutdown([this] { store_->notifier().Shutdown(); });
    runner_->SetServing(true);
    channel_ = runner_->server()->InProcessChannel(grpc::ChannelArguments());
    stub_ = accord::v1::IngestService::NewStub(channel_);
  }

  void Stop() {
    if (runner_) runner_->Shutdown();
    runner_.reset();
    service_.reset();
    ingestor_.reset();
    store_.reset();
  }

  grpc::Status Ingest(const std::string& text, IngestArticleResponse* response, bool validate_only = false,
                      const std::string& url = "") {
    IngestArticleRequest request;
    request.mutable_article()->set_text(text);
    request.mutable_article()->set_url(url);
    request.set_validate_only(validate_only);
    grpc::ClientContext context;
    context.set_deadline(In(10));
    return stub_->IngestArticle(&context, request, response);
  }

  grpc::Status Call(IngestArticleRequest request) {
    grpc::ClientContext context;
    IngestArticleResponse response;
    return stub_->IngestArticle(&context, request, &response);
  }

  testing::TempDir dir_;
  testing::FakeExtractor extractor_;
  std::unique_ptr<IngestStore> store_;
  std::unique_ptr<ArticleIngestor> ingestor_;
  std::unique_ptr<security::BearerTokenGate> open_gate_ = security::BearerTokenGate::Open();
  std::unique_ptr<IngestServiceImpl> service_;
  std::unique_ptr<server::ServerRunner> runner_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<accord::v1::IngestService::Stub> stub_;
};

TEST_F(IngestServiceTest, IngestStoresAndGetReturnsTheArticle) {
  IngestArticleResponse response;
  ASSERT_THAT(Ingest("official: Sar Sokha | KH\nplan: security | 2024", &response, false,
                     "https://news.example/a"),
              IsOk());
  EXPECT_EQ(response.name(), "articles/" + response.article_id());
  EXPECT_FALSE(response.already_present());
  EXPECT_EQ(response.sequence(), 3u);
  EXPECT_EQ(response.extraction().officials(0).display_name(), "Sar Sokha");

  grpc::ClientContext context;
  accord::v1::GetArticleRequest get;
  get.set_name(response.name());
  accord::v1::Article article;
  ASSERT_THAT(stub_->GetArticle(&context, get, &article), IsOk());
  EXPECT_EQ(article.url(), "https://news.example/a");
  EXPECT_THAT(article.text(), HasSubstr("Sar Sokha"));
  EXPECT_GT(article.ingest_time().seconds(), 1700000000);
}

TEST_F(IngestServiceTest, IngestingTwiceSaysAlreadyPresent) {
  IngestArticleResponse first, second;
  ASSERT_THAT(Ingest("official: Tea Banh | KH", &first), IsOk());
  ASSERT_THAT(Ingest("official: Tea Banh | KH", &second), IsOk());
  EXPECT_TRUE(second.already_present());
  EXPECT_EQ(second.article_id(), first.article_id());
  EXPECT_EQ(second.sequence(), first.sequence());
  EXPECT_EQ(second.extraction().officials_size(), 1);
  EXPECT_EQ(store_->head_sequence(), first.sequence());
}

TEST_F(IngestServiceTest, ValidateOnlyStoresNothing) {
  IngestArticleResponse response;
  ASSERT_THAT(Ingest("official: Hun Manet | KH", &response, /*validate_only=*/true), IsOk());
  EXPECT_EQ(response.sequence(), 0u);
  EXPECT_EQ(response.extraction().officials_size(), 1);
  EXPECT_EQ(store_->head_sequence(), 0u);
  grpc::ClientContext context;
  accord::v1::GetArticleRequest get;
  get.set_name(response.name());
  accord::v1::Article article;
  EXPECT_THAT(stub_->GetArticle(&context, get, &article), StatusIs(absl::StatusCode::kNotFound, HasSubstr(response.name())));
}

TEST_F(IngestServiceTest, EveryBadInputIsInvalidArgumentAndStoresNothing) {
  struct Case {
    std::string field;
    IngestArticleRequest request;
  };
  std::vector<Case> cases;
  auto add = [&](std::string field, auto mutate) {
    IngestArticleRequest r;
    r.mutable_article()->set_text("official: Sar Sokha | KH");
    mutate(r.mutable_article());
    cases.push_back({std::move(field), std::move(r)});
  };
  add("article.text", [](accord::v1::Article* a) { a->clear_text(); });
  add("article.text", [](accord::v1::Article* a) { a->set_text("   \n "); });
  add("article.text", [](accord::v1::Article* a) { a->set_text(std::string(4097, 'x')); });
  add("article.url", [](accord::v1::Article* a) { a->set_url("ftp://example.org/a"); });
  add("article.url", [](accord::v1::Article* a) { a->set_url("not a url"); });
  add("article.published_on", [](accord::v1::Article* a) {
    a->mutable_published_on()->set_year(2023);
    a->mutable_published_on()->set_month(2);
    a->mutable_published_on()->set_day(30);
  });
  add("article.published_on", [](accord::v1::Article* a) { a->mutable_published_on()->set_month(13); });
  cases.push_back({"article.text", IngestArticleRequest()});  // no article at all
  for (const Case& c : cases) {
    EXPECT_THAT(Call(c.request), StatusIs(kInvalid, HasSubstr(c.field + ":"))) << c.request.ShortDebugString();
  }
  EXPECT_EQ(store_->head_sequence(), 0u);
}

// Sends raw bytes as the request of `method`; returns the status.
grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method, const std::string& bytes) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(In(10));
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
    status = std::move(s);
    done.Notify();
  });
  done.WaitForNotification();
  return status;
}

TEST_F(IngestServiceTest, UnparsableRequestsAreInvalidArgumentNamingTheType) {
  // IngestArticleRequest{article{text: "ok \xff bad"}}: invalid UTF-8 in a string field.
  const std::string text = "ok \xff bad";
  std::string article = std::string("\x3a") + static_cast<char>(text.size()) + text;
  std::string bad_utf8 = std::string("\x0a") + static_cast<char>(article.size()) + article;
  EXPECT_THAT(RawCall(channel_, "/accord.v1.IngestService/IngestArticle", bad_utf8),
              StatusIs(kInvalid, HasSubstr("does not parse as accord.v1.IngestArticleRequest")));
  EXPECT_THAT(RawCall(channel_, "/accord.v1.IngestService/GetArticle", "\xff\xff\xff"),
              StatusIs(kInvalid, HasSubstr("accord.v1.GetArticleRequest")));
  EXPECT_EQ(store_->head_sequence(), 0u);
  // A method the server does not have stays UNIMPLEMENTED.
  EXPECT_EQ(RawCall(channel_, "/accord.v1.IngestService/NoSuchMethod", "").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(IngestServiceTest, TextOverTheLimitByOneByteIsRejected) {
  IngestArticleResponse response;
  EXPECT_THAT(Ingest(std::string(4096, 'y'), &response), IsOk());
  EXPECT_THAT(Ingest(std::string(4097, 'y'), &response),
              StatusIs(kInvalid, HasSubstr("article.text: 4097 bytes exceeds the limit of 4096")));
}

TEST_F(IngestServiceTest, DeleteWithdrawsTheArticle) {
  IngestArticleResponse response;
  ASSERT_THAT(Ingest("official: Sar Sokha | KH", &response), IsOk());
  accord::v1::DeleteArticleRequest del;
  accord::v1::DeleteArticleResponse deleted;
  {
    grpc::ClientContext context;
    del.set_name("articles/BAD NAME");
    EXPECT_THAT(stub_->DeleteArticle(&context, del, &deleted), StatusIs(kInvalid, HasSubstr("name:")));
  }
  {
    grpc::ClientContext context;
    del.set_name("articles/0000000000000000");
    EXPECT_THAT(stub_->DeleteArticle(&context, del, &deleted),
                StatusIs(absl::StatusCode::kNotFound, HasSubstr("articles/0000000000000000")));
  }
  {
    grpc::ClientContext context;
    del.set_name(response.name());
    ASSERT_THAT(stub_->DeleteArticle(&context, del, &deleted), IsOk());
    EXPECT_EQ(deleted.sequence(), response.sequence() + 2);  // article + official deleted
  }
  EXPECT_FALSE(store_->GetOfficial("sar-sokha")->has_value());
  grpc::ClientContext context;
  accord::v1::GetArticleRequest get;
  get.set_name(response.name());
  accord::v1::Article article;
  EXPECT_THAT(stub_->GetArticle(&context, get, &article), StatusIs(absl::StatusCode::kNotFound, HasSubstr("not found")));
}

TEST_F(IngestServiceTest, IngestArticlesStreamKeepsOrderWithManyInFlight) {
  grpc::ClientContext context;
  auto stream = stub_->IngestArticles(&context);
  constexpr int kArticles = 40;
  std::thread writer([&] {
    for (int i = 0; i < kArticles; ++i) {
      IngestArticleRequest r;
      // Every fifth article is invalid; the others name a shared official.
      r.mutable_article()->set_text(i % 5 == 4 ? "" : "official: Shared Person | KH\nnote " + std::to_string(i));
      ASSERT_TRUE(stream->Write(r));
    }
    stream->WritesDone();
  });
  std::vector<accord::v1::IngestArticlesResponse> results;
  accord::v1::IngestArticlesResponse response;
  while (stream->Read(&response)) results.push_back(response);
  writer.join();
  ASSERT_THAT(stream->Finish(), IsOk());
  ASSERT_EQ(results.size(), static_cast<size_t>(kArticles));
  for (int i = 0; i < kArticles; ++i) {
    EXPECT_EQ(results[i].index(), static_cast<uint64_t>(i));
    EXPECT_EQ(results[i].has_error(), i % 5 == 4) << i;
  }
  auto shared = *store_->GetOfficial("shared-person");
  ASSERT_TRUE(shared.has_value());
  EXPECT_EQ(shared->article_ids_size(), kArticles - kArticles / 5);
}

TEST_F(IngestServiceTest, IngestArticlesStreamAnswersEachInOrderAndGoesOnAfterAnError) {
  grpc::ClientContext context;
  auto stream = stub_->IngestArticles(&context);
  const std::vector<std::string> texts = {"official: A Person | KH", "", "official: B Person | VN",
                                          "official: A Person | KH"};
  for (const std::string& text : texts) {
    IngestArticleRequest r;
    r.mutable_article()->set_text(text);
    ASSERT_TRUE(stream->Write(r));
  }
  stream->WritesDone();
  std::vector<accord::v1::IngestArticlesResponse> results;
  accord::v1::IngestArticlesResponse response;
  while (stream->Read(&response)) results.push_back(response);
  ASSERT_THAT(stream->Finish(), IsOk());
  ASSERT_EQ(results.size(), 4u);
  for (size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i].index(), i);
  EXPECT_TRUE(results[0].has_result());
  ASSERT_TRUE(results[1].has_error());
  EXPECT_EQ(results[1].error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(results[1].error().message(), HasSubstr("article.text"));
  EXPECT_FALSE(results[2].result().already_present());
  // 0 and 3 are the same article, ingested concurrently: one is stored, the other is already present.
  EXPECT_NE(results[0].result().already_present(), results[3].result().already_present());
  EXPECT_EQ(results[0].result().article_id(), results[3].result().article_id());
}

// Reads feed responses until `count` changes have arrived.
std::vector<accord::v1::Change> ReadChanges(grpc::ClientReader<accord::v1::WatchChangesResponse>* reader,
                                            size_t count, uint64_t* head = nullptr) {
  std::vector<accord::v1::Change> changes;
  accord::v1::WatchChangesResponse response;
  while (changes.size() < count && reader->Read(&response)) {
    if (head) *head = response.head_sequence();
    for (const auto& c : response.changes()) changes.push_back(c);
  }
  return changes;
}

TEST_F(IngestServiceTest, WatchChangesSendsBacklogThenLiveChanges) {
  IngestArticleResponse r;
  ASSERT_THAT(Ingest("official: A Person | KH\nplan: defence | 2021", &r), IsOk());  // seq 1..3
  grpc::ClientContext context;
  accord::v1::WatchChangesRequest request;
  auto reader = stub_->WatchChanges(&context, request);
  uint64_t head = 0;
  auto backlog = ReadChanges(reader.get(), 3, &head);
  ASSERT_EQ(backlog.size(), 3u);
  EXPECT_EQ(head, 3u);
  EXPECT_TRUE(backlog[0].has_article());
  EXPECT_EQ(backlog[1].official().id(), "a-person");
  EXPECT_EQ(backlog[2].plan().id(), "defence-kh-vn-2021");

  ASSERT_THAT(Ingest("official: A Person | KH\nother article", &r), IsOk());  // seq 4..5, live
  auto live = ReadChanges(reader.get(), 2);
  ASSERT_EQ(live.size(), 2u);
  EXPECT_EQ(live[0].sequence(), 4u);
  EXPECT_EQ(live[1].official().article_ids_size(), 2);
  context.TryCancel();
  EXPECT_THAT(reader->Finish(), StatusIs(absl::StatusCode::kCancelled, ::testing::_));
}

TEST_F(IngestServiceTest, WatchChangesAnswersAtOnceOnAnEmptyStoreAndResumes) {
  {
    grpc::ClientContext context;
    context.set_deadline(In(5));
    auto reader = stub_->WatchChanges(&context, accord::v1::WatchChangesRequest());
    accord::v1::WatchChangesResponse first;
    ASSERT_TRUE(reader->Read(&first));  // the head, before any change exists
    EXPECT_EQ(first.head_sequence(), 0u);
    EXPECT_EQ(first.changes_size(), 0);
    context.TryCancel();
    reader->Finish();
  }
  IngestArticleResponse r;
  ASSERT_THAT(Ingest("official: A Person | KH\nofficial: B Person | VN\nplan: security | 2024", &r), IsOk());
  grpc::ClientContext context;
  accord::v1::WatchChangesRequest request;
  request.set_after_sequence(2);
  auto reader = stub_->WatchChanges(&context, request);
  auto resumed = ReadChanges(reader.get(), 2);
  ASSERT_EQ(resumed.size(), 2u);
  EXPECT_EQ(resumed[0].sequence(), 3u);
  EXPECT_EQ(resumed[1].sequence(), 4u);
  context.TryCancel();
  reader->Finish();
}

TEST_F(IngestServiceTest, WatchChangesIsOutOfRangeForWhatIsNoLongerKept) {
  Stop();
  Start(/*retention=*/2);
  IngestArticleResponse r;
  ASSERT_THAT(Ingest("official: A Person | KH\nofficial: B Person | VN", &r), IsOk());  // 1..3, keeps 2..3
  for (uint64_t after : {0u, 9u}) {
    grpc::ClientContext context;
    accord::v1::WatchChangesRequest request;
    request.set_after_sequence(after);
    auto reader = stub_->WatchChanges(&context, request);
    accord::v1::WatchChangesResponse response;
    EXPECT_FALSE(reader->Read(&response));
    EXPECT_THAT(reader->Finish(), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("rebuild from 0"))) << after;
  }
  grpc::ClientContext context;
  accord::v1::WatchChangesRequest request;
  request.set_after_sequence(1);
  auto reader = stub_->WatchChanges(&context, request);
  EXPECT_EQ(ReadChanges(reader.get(), 2).size(), 2u);
  context.TryCancel();
  reader->Finish();
}

TEST_F(IngestServiceTest, WatchChangesFromAnotherFeedIsOutOfRange) {
  grpc::ClientContext first_context;
  auto first = stub_->WatchChanges(&first_context, accord::v1::WatchChangesRequest());
  accord::v1::WatchChangesResponse response;
  ASSERT_TRUE(first->Read(&response));
  EXPECT_EQ(response.feed_id(), store_->feed_id());
  EXPECT_EQ(response.feed_id().size(), 16u);
  first_context.TryCancel();
  first->Finish();

  grpc::ClientContext context;
  accord::v1::WatchChangesRequest request;
  request.set_feed_id("0123456789abcdef");
  auto reader = stub_->WatchChanges(&context, request);
  EXPECT_FALSE(reader->Read(&response));
  EXPECT_THAT(reader->Finish(), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("not this feed")));
}

TEST_F(IngestServiceTest, ShutdownEndsFeedStreamsWithUnavailable) {
  grpc::ClientContext context;
  auto reader = stub_->WatchChanges(&context, accord::v1::WatchChangesRequest());
  accord::v1::WatchChangesResponse first;
  ASSERT_TRUE(reader->Read(&first));
  std::thread stopper([this] { runner_->Shutdown(); });
  accord::v1::WatchChangesResponse more;
  while (reader->Read(&more)) {
  }
  // The code is the contract (reconnect later). The message is ours unless the
  // in-process transport closes first and reports its own.
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  stopper.join();
}

TEST_F(IngestServiceTest, HealthReportsServingForTheServerAndTheService) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  for (const std::string service : {"", "accord.v1.IngestService"}) {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_THAT(health->Check(&context, request, &response), IsOk());
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
}

}  // namespace
}  // namespace accord::ingest
