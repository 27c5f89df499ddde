// The real accord-ingest binary on 127.0.0.1, port 0, with a temp data dir.
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"

namespace accord {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::Subprocess;

// A running accord-ingest with its stub.
struct IngestProcess {
  std::unique_ptr<Subprocess> process;
  std::unique_ptr<accord::v1::IngestService::Stub> stub;
};

class IngestBinaryTest : public ::testing::Test {
 protected:
  // `grace` is the --shutdown_grace the process gets.
  IngestProcess Start(const std::string& grace = "5s") {
    const std::string port_file = dir_.Sub(absl::StrCat("port.", ++starts_));
    IngestProcess p;
    p.process = std::make_unique<Subprocess>(
        ACCORD_INGEST_BINARY,
        std::vector<std::string>{"--listen=127.0.0.1:0", "--data_dir=" + dir_.Sub("data"), "--port_file=" + port_file,
                                 "--shutdown_grace=" + grace},
        dir_.Sub("ingest.log"));
    const int port = testing::WaitForPortFile(port_file, absl::Seconds(30));
    EXPECT_GT(port, 0) << "accord-ingest did not start; see its log";
    p.stub = accord::v1::IngestService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
    return p;
  }

  static std::string Article(int i) {
    return absl::StrCat("Phnom Penh, March ", 1 + i % 28, " - Cambodian Minister of Interior Sar Sokha and Vietnamese ",
                        "Minister of Public Security Luong Tam Quang signed the 2024 security cooperation plan. ",
                        "Report number ", i, ".");
  }

  testing::TempDir dir_;
  int starts_ = 0;
};

TEST_F(IngestBinaryTest, EveryAcknowledgedArticleSurvivesKillNine) {
  std::vector<std::pair<std::string, uint64_t>> acknowledged;  // name, sequence
  {
    IngestProcess p = Start();
    for (int i = 0; i < 25; ++i) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      accord::v1::IngestArticleRequest request;
      request.mutable_article()->set_text(Article(i));
      request.mutable_article()->set_url(absl::StrCat("https://news.example/", i));
      accord::v1::IngestArticleResponse response;
      ASSERT_THAT(p.stub->IngestArticle(&context, request, &response), IsOk());
      acknowledged.emplace_back(response.name(), response.sequence());
    }
    p.process->Signal(SIGKILL);
    ASSERT_TRUE(p.process->Wait(absl::Seconds(10)).has_value());
  }
  IngestProcess p = Start();
  for (const auto& [name, sequence] : acknowledged) {
    grpc::ClientContext context;
    accord::v1::GetArticleRequest request;
    request.set_name(name);
    accord::v1::Article article;
    EXPECT_THAT(p.stub->GetArticle(&context, request, &article), IsOk()) << name;
  }
  // The feed holds every change up to the last acknowledged one, without a gap.
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto reader = p.stub->WatchChanges(&context, accord::v1::WatchChangesRequest());
  uint64_t expected = 1;
  accord::v1::WatchChangesResponse response;
  while (expected <= acknowledged.back().second && reader->Read(&response)) {
    for (const auto& change : response.changes()) ASSERT_EQ(change.sequence(), expected++);
  }
  EXPECT_GT(expected, acknowledged.back().second);
  context.TryCancel();
  reader->Finish();
}

TEST_F(IngestBinaryTest, SigtermEndsFeedsAndExitsCleanly) {
  // With a 60 s grace, exiting within 15 s shows the feed stream was ended, not waited for.
  IngestProcess p = Start("60s");
  grpc::ClientContext context;
  auto reader = p.stub->WatchChanges(&context, accord::v1::WatchChangesRequest());
  accord::v1::WatchChangesResponse first;
  ASSERT_TRUE(reader->Read(&first));
  p.process->Signal(SIGTERM);
  while (reader->Read(&first)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  const std::optional<int> exit_status = p.process->Wait(absl::Seconds(15));
  ASSERT_TRUE(exit_status.has_value()) << "did not exit within 15 s of SIGTERM";
  EXPECT_EQ(*exit_status, 0);
  // The data dir opens again.
  IngestProcess again = Start();
  grpc::ClientContext get_context;
  accord::v1::GetArticleRequest request;
  request.set_name("articles/0000000000000000");
  accord::v1::Article article;
  EXPECT_EQ(again.stub->GetArticle(&get_context, request, &article).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace accord
