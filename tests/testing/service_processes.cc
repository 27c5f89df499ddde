#include "tests/testing/service_processes.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace accord::testing {
namespace {

std::string Deterministic(const google::protobuf::Message& m) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

// Pages through one List method, appending each record's bytes to `out`.
template <typename Request, typename Response, typename Call, typename Items>
void ListAll(Call call, Items items, std::vector<std::string>* out) {
  Request request;
  request.set_page_size(500);
  do {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    Response response;
    const grpc::Status status = call(&context, request, &response);
    if (!status.ok()) {
      out->push_back(absl::StrCat("error: ", status.error_message()));
      return;
    }
    for (const auto& record : items(response)) out->push_back(Deterministic(record));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
}

}  // namespace

ServiceProcess StartService(const std::string& binary, std::vector<std::string> args, const std::string& work_dir,
                            const std::string& name, int port) {
  static int starts = 0;
  const std::string port_file = absl::StrCat(work_dir, "/", name, ".port.", ++starts);
  args.push_back(absl::StrCat("--listen=127.0.0.1:", port));
  args.push_back("--port_file=" + port_file);
  ServiceProcess p;
  p.process = std::make_unique<Subprocess>(binary, args, absl::StrCat(work_dir, "/", name, ".log"));
  p.port = WaitForPortFile(port_file, absl::Seconds(30));
  if (p.port > 0) {
    p.channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", p.port), grpc::InsecureChannelCredentials());
  }
  return p;
}

bool WaitForServing(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                    absl::Duration timeout) {
  auto health = grpc::health::v1::Health::NewStub(channel);
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

std::vector<std::string> QueryDigest(accord::v1::QueryService::Stub& stub) {
  using namespace accord::v1;
  std::vector<std::string> out;
  ListAll<ListOfficialsRequest, ListOfficialsResponse>(
      [&](auto* c, const auto& r, auto* s) { return stub.ListOfficials(c, r, s); },
      [](const auto& s) { return s.officials(); }, &out);
  ListAll<ListCooperationPlansRequest, ListCooperationPlansResponse>(
      [&](auto* c, const auto& r, auto* s) { return stub.ListCooperationPlans(c, r, s); },
      [](const auto& s) { return s.plans(); }, &out);
  ListAll<ListBorderCheckpointsRequest, ListBorderCheckpointsResponse>(
      [&](auto* c, const auto& r, auto* s) { return stub.ListBorderCheckpoints(c, r, s); },
      [](const auto& s) { return s.checkpoints(); }, &out);
  ListAll<ListArticlesRequest, ListArticlesResponse>(
      [&](auto* c, const auto& r, auto* s) { return stub.ListArticles(c, r, s); },
      [](const auto& s) { return s.articles(); }, &out);
  return out;
}

}  // namespace accord::testing
