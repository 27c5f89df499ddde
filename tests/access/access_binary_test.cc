// Access and overload through the real binaries: bearer tokens on writes, the
// feed and queries; TLS and mutual TLS on both services and the feed between
// them (certificates made here with openssl); RESOURCE_EXHAUSTED at the
// admission limits with nothing lost; the data dir readable by its owner only.
#include <signal.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
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
using ::testing::HasSubstr;
using ::testing::Not;

std::chrono::system_clock::time_point In(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

void WriteFile(const std::string& path, const std::string& contents) { std::ofstream(path) << contents; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs a shell command; its exit status.
int Sh(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

accord::v1::IngestArticleRequest ArticleRequest(int i, size_t filler_sentences = 0) {
  accord::v1::IngestArticleRequest r;
  auto* a = r.mutable_article();
  a->set_url(absl::StrCat("https://news.example/access/", i));
  a->mutable_published_on()->set_year(2024);
  a->mutable_published_on()->set_month(3);
  a->mutable_published_on()->set_day(1 + i % 28);
  std::string text = absl::StrCat("Cambodian Minister of Interior Sok Chanthy and Vietnamese Minister of Public ",
                                  "Security Tran Duc Thang signed the 2024 security cooperation plan on March ",
                                  1 + i % 28, ". Dispatch ", i, ".");
  for (size_t s = 0; s < filler_sentences; ++s) {
    absl::StrAppend(&text, " Officials from both sides met again in the border province to review patrols ", s, ".");
  }
  a->set_text(text);
  return r;
}

grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(In(5));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  if (!stub->Check(&context, request, &response).ok()) return grpc::health::v1::HealthCheckResponse::UNKNOWN;
  return response.status();
}

// Stops a service with SIGTERM and expects a clean exit.
void Stop(ServiceProcess& p) {
  if (!p.process) return;
  p.process->Signal(SIGTERM);
  EXPECT_EQ(p.process->Wait(absl::Seconds(20)), 0);
  p.process.reset();
}

// ---------------------------------------------------------------- tokens

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two write tokens (rotation), one for the feed, one for queries.
    WriteFile(dir_.Sub("write.tokens"), "# current, then the one being retired\nw-7f3a9c-current\nw-11be02-retiring\n");
    WriteFile(dir_.Sub("feed.tokens"), "f-5d81e4-feed\n");
    WriteFile(dir_.Sub("query.tokens"), "q-92c0aa-query\n");
    ingest_ = testing::StartService(ACCORD_INGEST_BINARY,
                                    {"--data_dir=" + dir_.Sub("ingest"), "--write_token_file=" + dir_.Sub("write.tokens"),
                                     "--feed_token_file=" + dir_.Sub("feed.tokens")},
                                    dir_.path(), "ingest");
    ASSERT_GT(ingest_.port, 0);
    ingest_stub_ = accord::v1::IngestService::NewStub(ingest_.channel);
  }
  void TearDown() override {
    Stop(query_);
    Stop(ingest_);
    // No token ever reaches a log.
    for (const char* log : {"ingest.log", "query.log"}) {
      const std::string text = ReadFile(dir_.Sub(log));
      for (const char* token : {"w-7f3a9c-current", "w-11be02-retiring", "f-5d81e4-feed", "q-92c0aa-query", "wrong-token"}) {
        EXPECT_THAT(text, Not(HasSubstr(token))) << log;
      }
    }
  }

  void StartQuery(const std::string& ingest_token_file) {
    query_ = testing::StartService(ACCORD_QUERY_BINARY,
                                   {"--data_dir=" + dir_.Sub("query"), absl::StrCat("--ingest=127.0.0.1:", ingest_.port),
                                    "--token_file=" + dir_.Sub("query.tokens"), "--ingest_token_file=" + ingest_token_file},
                                   dir_.path(), "query");
    ASSERT_GT(query_.port, 0);
    query_stub_ = accord::v1::QueryService::NewStub(query_.channel);
  }

  static void Bearer(grpc::ClientContext* context, const std::string& token) {
    context->AddMetadata("authorization", "Bearer " + token);
  }

  uint64_t FeedHead() {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    Bearer(&context, "f-5d81e4-feed");
    accord::v1::WatchChangesRequest request;
    auto reader = ingest_stub_->WatchChanges(&context, request);
    accord::v1::WatchChangesResponse response;
    EXPECT_TRUE(reader->Read(&response));
    context.TryCancel();
    reader->Finish();
    return response.head_sequence();
  }

  testing::TempDir dir_;
  ServiceProcess ingest_;
  ServiceProcess query_;
  std::unique_ptr<accord::v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<accord::v1::QueryService::Stub> query_stub_;
};

TEST_F(TokenTest, WritesNeedAWriteTokenAndRefusedWritesChangeNothing) {
  accord::v1::IngestArticleResponse response;
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    const grpc::Status status = ingest_stub_->IngestArticle(&context, ArticleRequest(1), &response);
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("authorization")));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    Bearer(&context, "wrong-token");
    EXPECT_THAT(ingest_stub_->IngestArticle(&context, ArticleRequest(1), &response),
                StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("writes")));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    Bearer(&context, "f-5d81e4-feed");  // the feed's token does not open writes
    EXPECT_THAT(ingest_stub_->IngestArticle(&context, ArticleRequest(1), &response),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  EXPECT_EQ(FeedHead(), 0u) << "a refused write was stored";

  for (const std::string token : {"w-7f3a9c-current", "w-11be02-retiring"}) {  // both rotation tokens work
    grpc::ClientContext context;
    context.set_deadline(In(30));
    Bearer(&context, token);
    ASSERT_THAT(ingest_stub_->IngestArticle(&context, ArticleRequest(token[2] == '7' ? 1 : 2), &response), IsOk());
  }
  const uint64_t head = FeedHead();
  EXPECT_GT(head, 0u);

  // The stream and DeleteArticle are writes too.
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    auto stream = ingest_stub_->IngestArticles(&context);
    stream->Write(ArticleRequest(3));
    stream->WritesDone();
    accord::v1::IngestArticlesResponse ignored;
    while (stream->Read(&ignored)) {
    }
    EXPECT_THAT(stream->Finish(), StatusIs(absl::StatusCode::kUnauthenticated));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    Bearer(&context, "wrong-token");
    accord::v1::DeleteArticleRequest request;
    request.set_name(response.name());
    accord::v1::DeleteArticleResponse deleted;
    EXPECT_THAT(ingest_stub_->DeleteArticle(&context, request, &deleted),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  EXPECT_EQ(FeedHead(), head) << "a refused write was stored";
  // Health and reflection stay open: probes and grpcurl need no token.
  EXPECT_EQ(Health(ingest_.channel), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(TokenTest, TheFeedAndArticleReadsNeedTheFeedToken) {
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    accord::v1::WatchChangesRequest request;
    auto reader = ingest_stub_->WatchChanges(&context, request);
    accord::v1::WatchChangesResponse response;
    EXPECT_FALSE(reader->Read(&response));
    EXPECT_THAT(reader->Finish(), StatusIs(absl::StatusCode::kUnauthenticated));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    Bearer(&context, "w-7f3a9c-current");  // a write token does not open the feed
    accord::v1::GetArticleRequest request;
    request.set_name("articles/0123456789abcdef");
    accord::v1::Article article;
    EXPECT_THAT(ingest_stub_->GetArticle(&context, request, &article), StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST_F(TokenTest, AReplicaWithTheFeedTokenFollowsAndQueriesNeedTheQueryToken) {
  StartQuery(dir_.Sub("feed.tokens"));
  accord::v1::IngestArticleResponse ingested;
  {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    Bearer(&context, "w-7f3a9c-current");
    ASSERT_THAT(ingest_stub_->IngestArticle(&context, ArticleRequest(5), &ingested), IsOk());
  }
  accord::v1::ListArticlesRequest request;
  request.set_min_sequence(ingested.sequence());
  accord::v1::ListArticlesResponse listed;
  {
    grpc::ClientContext context;
    context.set_deadline(In(20));
    EXPECT_THAT(query_stub_->ListArticles(&context, request, &listed), StatusIs(absl::StatusCode::kUnauthenticated));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(In(20));
    Bearer(&context, "f-5d81e4-feed");
    EXPECT_THAT(query_stub_->ListArticles(&context, request, &listed), StatusIs(absl::StatusCode::kPermissionDenied));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(In(20));
    Bearer(&context, "q-92c0aa-query");
    ASSERT_THAT(query_stub_->ListArticles(&context, request, &listed), IsOk());
    ASSERT_EQ(listed.articles_size(), 1);
    EXPECT_EQ(listed.articles(0).name(), ingested.name());
  }
  EXPECT_TRUE(testing::WaitForServing(query_.channel, "", absl::Seconds(10)));
}

TEST_F(TokenTest, AReplicaWithAWrongFeedTokenNeverServesAndSaysWhy) {
  WriteFile(dir_.Sub("wrong.token"), "wrong-token\n");
  StartQuery(dir_.Sub("wrong.token"));
  EXPECT_FALSE(testing::WaitForServing(query_.channel, "", absl::Seconds(3)));
  Stop(query_);
  EXPECT_THAT(ReadFile(dir_.Sub("query.log")), HasSubstr("not accepted"));
}

// ---------------------------------------------------------------- TLS

// A CA, a server certificate for 127.0.0.1/localhost and a client certificate
// it signed; and a rogue CA with its own client certificate.
class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Sh("command -v openssl >/dev/null") != 0) GTEST_SKIP() << "openssl is not installed (scripts/install_deps.sh)";
    const std::string d = dir_.path();
    const std::string key = "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 ";
    WriteFile(d + "/server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    const std::string script = absl::StrCat(
        "set -e; cd ", d, "; exec 2>openssl.log; ",
        key, "-x509 -keyout ca.key -out ca.pem -subj '/CN=Accord Test CA'; ",
        key, "-x509 -keyout rogue-ca.key -out rogue-ca.pem -subj '/CN=Rogue CA'; ",
        key, "-keyout server.key -out server.csr -subj '/CN=localhost'; ",
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem; ",
        key, "-keyout client.key -out client.csr -subj '/CN=accord-query'; ",
        "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out client.pem; ",
        key, "-keyout rogue.key -out rogue.csr -subj '/CN=intruder'; ",
        "openssl x509 -req -in rogue.csr -CA rogue-ca.pem -CAkey rogue-ca.key -CAcreateserial -days 2 -out rogue.pem");
    ASSERT_EQ(Sh(script), 0) << ReadFile(d + "/openssl.log");
  }
  void TearDown() override {
    Stop(query_);
    Stop(ingest_);
  }

  std::string F(const std::string& name) const { return dir_.Sub(name); }

  // A TLS channel trusting `ca`, presenting `cert`/`key` when given.
  std::shared_ptr<grpc::Channel> TlsChannel(int port, const std::string& ca, const std::string& cert = "",
                                            const std::string& key = "") const {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ReadFile(F(ca));
    if (!cert.empty()) {
      options.pem_cert_chain = ReadFile(F(cert));
      options.pem_private_key = ReadFile(F(key));
    }
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::SslCredentials(options));
  }

  // Mutual TLS on both services; the replica reaches the feed with its client certificate.
  void StartBoth() {
    const std::vector<std::string> tls = {"--tls_cert_file=" + F("server.pem"), "--tls_key_file=" + F("server.key"),
                                          "--tls_client_ca_file=" + F("ca.pem")};
    std::vector<std::string> ingest_args = tls;
    ingest_args.push_back("--data_dir=" + F("ingest"));
    ingest_ = testing::StartService(ACCORD_INGEST_BINARY, ingest_args, dir_.path(), "ingest");
    ASSERT_GT(ingest_.port, 0);
    std::vector<std::string> query_args = tls;
    for (const std::string& a :
         {"--data_dir=" + F("query"), absl::StrCat("--ingest=127.0.0.1:", ingest_.port),
          "--ingest_tls_ca_file=" + F("ca.pem"), "--ingest_tls_cert_file=" + F("client.pem"),
          "--ingest_tls_key_file=" + F("client.key")}) {
      query_args.push_back(a);
    }
    query_ = testing::StartService(ACCORD_QUERY_BINARY, query_args, dir_.path(), "query");
    ASSERT_GT(query_.port, 0);
  }

  testing::TempDir dir_;
  ServiceProcess ingest_;
  ServiceProcess query_;
};

TEST_F(TlsTest, MutualTlsOnBothServicesAndTheFeedBetweenThem) {
  ASSERT_NO_FATAL_FAILURE(StartBoth());
  auto ingest = accord::v1::IngestService::NewStub(TlsChannel(ingest_.port, "ca.pem", "client.pem", "client.key"));
  accord::v1::IngestArticleResponse ingested;
  {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    ASSERT_THAT(ingest->IngestArticle(&context, ArticleRequest(7), &ingested), IsOk());
  }
  auto query_channel = TlsChannel(query_.port, "ca.pem", "client.pem", "client.key");
  auto query = accord::v1::QueryService::NewStub(query_channel);
  {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    accord::v1::GetArticleRequest request;
    request.set_name(ingested.name());
    request.set_min_sequence(ingested.sequence());
    accord::v1::Article article;
    ASSERT_THAT(query->GetArticle(&context, request, &article), IsOk()) << "the feed did not cross mutual TLS";
  }
  EXPECT_EQ(Health(query_channel), grpc::health::v1::HealthCheckResponse::SERVING);

  // The CLI and the health probe speak TLS too.
  const std::string cli_tls = absl::StrCat(" --tls_ca_file=", F("ca.pem"), " --tls_cert_file=", F("client.pem"),
                                           " --tls_key_file=", F("client.key"));
  EXPECT_EQ(Sh(absl::StrCat(ACCORD_CLI_BINARY, " list articles --query_target=127.0.0.1:", query_.port, cli_tls, " > ",
                            F("cli.out"), " 2>&1")),
            0)
      << ReadFile(F("cli.out"));
  EXPECT_THAT(ReadFile(F("cli.out")), HasSubstr(ingested.name()));
  EXPECT_EQ(Sh(absl::StrCat(ACCORD_PROBE_BINARY, " --addr=127.0.0.1:", ingest_.port, cli_tls, " > ", F("probe.out"),
                            " 2>&1")),
            0)
      << ReadFile(F("probe.out"));
}

TEST_F(TlsTest, ClientsWithoutTheRightCertificatesAreTurnedAway) {
  ASSERT_NO_FATAL_FAILURE(StartBoth());
  auto try_ingest = [&](std::shared_ptr<grpc::Channel> channel) {
    auto stub = accord::v1::IngestService::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(In(5));
    accord::v1::IngestArticleResponse response;
    return stub->IngestArticle(&context, ArticleRequest(9), &response);
  };
  // Plaintext to a TLS port.
  EXPECT_THAT(try_ingest(grpc::CreateChannel(absl::StrCat("127.0.0.1:", ingest_.port),
                                             grpc::InsecureChannelCredentials())),
              StatusIs(absl::StatusCode::kUnavailable));
  // TLS, but no client certificate.
  EXPECT_THAT(try_ingest(TlsChannel(ingest_.port, "ca.pem")), StatusIs(absl::StatusCode::kUnavailable));
  // A client certificate from another CA.
  EXPECT_THAT(try_ingest(TlsChannel(ingest_.port, "ca.pem", "rogue.pem", "rogue.key")),
              StatusIs(absl::StatusCode::kUnavailable));
  // A client that does not trust the server's CA.
  EXPECT_THAT(try_ingest(TlsChannel(ingest_.port, "rogue-ca.pem", "client.pem", "client.key")),
              StatusIs(absl::StatusCode::kUnavailable));
  // None of them stored anything: the head is still 0.
  auto stub = accord::v1::IngestService::NewStub(TlsChannel(ingest_.port, "ca.pem", "client.pem", "client.key"));
  grpc::ClientContext context;
  context.set_deadline(In(10));
  auto reader = stub->WatchChanges(&context, accord::v1::WatchChangesRequest());
  accord::v1::WatchChangesResponse head;
  ASSERT_TRUE(reader->Read(&head));
  EXPECT_EQ(head.head_sequence(), 0u);
  context.TryCancel();
  reader->Finish();
}

TEST_F(TlsTest, UnusableTlsFlagsStopTheServiceAtStartNamingTheFlag) {
  testing::Subprocess no_key(ACCORD_INGEST_BINARY,
                             {"--data_dir=" + F("ingest"), "--listen=127.0.0.1:0", "--tls_cert_file=" + F("server.pem")},
                             F("no_key.log"));
  EXPECT_EQ(no_key.Wait(absl::Seconds(20)), 1);
  EXPECT_THAT(ReadFile(F("no_key.log")), HasSubstr("tls_key_file"));
  testing::Subprocess not_pem(ACCORD_QUERY_BINARY,
                              {"--data_dir=" + F("query"), "--listen=127.0.0.1:0", "--ingest=127.0.0.1:1",
                               "--ingest_tls_ca_file=" + F("server.ext")},
                              F("not_pem.log"));
  EXPECT_EQ(not_pem.Wait(absl::Seconds(20)), 1);
  EXPECT_THAT(ReadFile(F("not_pem.log")), HasSubstr("ingest_tls_ca_file"));
}

// ---------------------------------------------------------------- overload

class OverloadTest : public ::testing::Test {
 protected:
  void TearDown() override {
    Stop(query_);
    Stop(ingest_);
  }
  void StartIngest(std::vector<std::string> args) {
    args.push_back("--data_dir=" + dir_.Sub("ingest"));
    ingest_ = testing::StartService(ACCORD_INGEST_BINARY, args, dir_.path(), "ingest");
    ASSERT_GT(ingest_.port, 0);
    stub_ = accord::v1::IngestService::NewStub(ingest_.channel);
  }

  testing::TempDir dir_;
  ServiceProcess ingest_;
  ServiceProcess query_;
  std::unique_ptr<accord::v1::IngestService::Stub> stub_;
};

TEST_F(OverloadTest, WritesBeyondThePendingLimitAreResourceExhaustedAndNeverStored) {
  ASSERT_NO_FATAL_FAILURE(StartIngest({"--ingest_workers=1", "--max_pending_writes=2"}));
  // Bursts of concurrent writes (long articles, one worker) until some are
  // refused; every acknowledged one must be stored, no refused one may be.
  struct Call {
    grpc::ClientContext context;
    accord::v1::IngestArticleResponse response;
    grpc::Status status;
    int index = 0;
  };
  std::vector<std::unique_ptr<Call>> calls;
  int refused = 0;
  int next = 0;
  for (int burst = 0; burst < 10 && refused == 0; ++burst) {
    grpc::CompletionQueue cq;
    std::vector<std::unique_ptr<grpc::ClientAsyncResponseReader<accord::v1::IngestArticleResponse>>> readers;
    const size_t first = calls.size();
    for (int i = 0; i < 24; ++i) {
      auto call = std::make_unique<Call>();
      call->index = next++;
      call->context.set_deadline(In(60));
      readers.push_back(stub_->AsyncIngestArticle(&call->context, ArticleRequest(call->index, 400), &cq));
      readers.back()->Finish(&call->response, &call->status, call.get());
      calls.push_back(std::move(call));
    }
    for (size_t done = 0; done < readers.size(); ++done) {
      void* tag = nullptr;
      bool ok = false;
      ASSERT_TRUE(cq.Next(&tag, &ok));
    }
    for (size_t c = first; c < calls.size(); ++c) {
      const grpc::Status& status = calls[c]->status;
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        ++refused;
        EXPECT_THAT(status.error_message(), HasSubstr("max_pending_writes"));
      } else {
        EXPECT_THAT(status, IsOk());
      }
    }
  }
  ASSERT_GT(refused, 0) << "no write was refused in " << calls.size() << " concurrent calls with one worker";
  int stored = 0;
  for (const auto& call : calls) {
    // Is it stored? validate_only stores nothing and reports already_present.
    grpc::ClientContext context;
    context.set_deadline(In(30));
    accord::v1::IngestArticleRequest probe = ArticleRequest(call->index, 400);
    probe.set_validate_only(true);
    accord::v1::IngestArticleResponse answer;
    ASSERT_THAT(stub_->IngestArticle(&context, probe, &answer), IsOk());
    const bool acknowledged = call->status.ok();
    EXPECT_EQ(answer.already_present(), acknowledged) << "article " << call->index;
    stored += answer.already_present();
  }
  EXPECT_EQ(stored, static_cast<int>(calls.size()) - refused);
}

TEST_F(OverloadTest, StreamsBeyondTheirLimitsAreResourceExhausted) {
  ASSERT_NO_FATAL_FAILURE(StartIngest({"--max_ingest_streams=1", "--max_feed_streams=1"}));
  // One IngestArticles stream, open (one round trip proves the server holds it).
  grpc::ClientContext first_context;
  first_context.set_deadline(In(60));
  auto first = stub_->IngestArticles(&first_context);
  ASSERT_TRUE(first->Write(ArticleRequest(1)));
  accord::v1::IngestArticlesResponse result;
  ASSERT_TRUE(first->Read(&result));
  {
    grpc::ClientContext context;
    context.set_deadline(In(10));
    auto second = stub_->IngestArticles(&context);
    second->WritesDone();
    while (second->Read(&result)) {
    }
    EXPECT_THAT(second->Finish(), StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_ingest_streams")));
  }
  first->WritesDone();
  EXPECT_FALSE(first->Read(&result));
  EXPECT_THAT(first->Finish(), IsOk());

  // One feed stream, open; a second is refused; once the first ends, a new one is admitted.
  auto watch = [&](grpc::ClientContext* context, accord::v1::WatchChangesResponse* response) {
    context->set_deadline(In(10));
    auto reader = stub_->WatchChanges(context, accord::v1::WatchChangesRequest());
    const bool got = reader->Read(response);
    return std::make_pair(got, std::move(reader));
  };
  grpc::ClientContext feed_context;
  accord::v1::WatchChangesResponse response;
  auto [got, feed] = watch(&feed_context, &response);
  ASSERT_TRUE(got);
  {
    grpc::ClientContext context;
    auto [second_got, second] = watch(&context, &response);
    EXPECT_FALSE(second_got);
    EXPECT_THAT(second->Finish(), StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_feed_streams")));
  }
  feed_context.TryCancel();
  feed->Finish();
  bool admitted = false;
  for (int attempt = 0; attempt < 50 && !admitted; ++attempt) {  // the slot frees when the server sees the cancel
    grpc::ClientContext context;
    auto [again, reader] = watch(&context, &response);
    admitted = again;
    context.TryCancel();
    reader->Finish();
    if (!admitted) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(admitted);
}

TEST_F(OverloadTest, QueriesBeyondTheInflightLimitAreResourceExhausted) {
  ASSERT_NO_FATAL_FAILURE(StartIngest({}));
  query_ = testing::StartService(ACCORD_QUERY_BINARY,
                                 {"--data_dir=" + dir_.Sub("query"), absl::StrCat("--ingest=127.0.0.1:", ingest_.port),
                                  "--max_inflight_calls=2"},
                                 dir_.path(), "query");
  ASSERT_GT(query_.port, 0);
  ASSERT_TRUE(testing::WaitForServing(query_.channel, "", absl::Seconds(20)));
  auto stub = accord::v1::QueryService::NewStub(query_.channel);
  // Two calls wait for a sequence that never comes: they hold both slots.
  grpc::CompletionQueue cq;
  struct Waiting {
    grpc::ClientContext context;
    accord::v1::ListArticlesResponse response;
    grpc::Status status;
  } waiting[2];
  std::unique_ptr<grpc::ClientAsyncResponseReader<accord::v1::ListArticlesResponse>> readers[2];
  accord::v1::ListArticlesRequest far;
  far.set_min_sequence(1'000'000);
  for (int i = 0; i < 2; ++i) {
    waiting[i].context.set_deadline(In(4));
    readers[i] = stub->AsyncListArticles(&waiting[i].context, far, &cq);
    readers[i]->Finish(&waiting[i].response, &waiting[i].status, &waiting[i]);
  }
  grpc::Status third;
  for (int attempt = 0; attempt < 30; ++attempt) {  // until the server holds both
    grpc::ClientContext context;
    context.set_deadline(In(1));
    accord::v1::ListArticlesResponse response;
    third = stub->ListArticles(&context, accord::v1::ListArticlesRequest(), &response);
    if (third.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_THAT(third, StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_inflight_calls")));
  for (int i = 0; i < 2; ++i) {
    void* tag = nullptr;
    bool ok = false;
    ASSERT_TRUE(cq.Next(&tag, &ok));
  }
  for (const auto& w : waiting) EXPECT_THAT(w.status, StatusIs(absl::StatusCode::kUnavailable));
  // The slots are free again.
  grpc::ClientContext context;
  context.set_deadline(In(10));
  accord::v1::ListArticlesResponse response;
  EXPECT_THAT(stub->ListArticles(&context, accord::v1::ListArticlesRequest(), &response), IsOk());
}

// ---------------------------------------------------------------- data dir

TEST(DataDirTest, EachServiceCreatesItsDataDirReadableByItsOwnerOnly) {
  testing::TempDir dir;
  ::umask(022);  // a usual umask: the services must not rely on it
  ServiceProcess ingest =
      testing::StartService(ACCORD_INGEST_BINARY, {"--data_dir=" + dir.Sub("ingest/data")}, dir.path(), "ingest");
  ASSERT_GT(ingest.port, 0);
  ServiceProcess query = testing::StartService(
      ACCORD_QUERY_BINARY, {"--data_dir=" + dir.Sub("query"), absl::StrCat("--ingest=127.0.0.1:", ingest.port)},
      dir.path(), "query");
  ASSERT_GT(query.port, 0);
  for (const std::string& path : {dir.Sub("ingest/data"), dir.Sub("query")}) {
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0700u) << path;
  }
  Stop(query);
  Stop(ingest);
}

}  // namespace
}  // namespace accord
