#include "cli/query_command.h"

#include <chrono>
#include <iostream>
#include <optional>

#include "accord/v1/query_service.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace accord::cli {
namespace {

using google::protobuf::Message;

void PrintJson(const Message& m) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  (void)google::protobuf::util::MessageToJsonString(m, &json, options);
  std::cout << json << "\n";
}

int Fail(const grpc::Status& status) {
  std::cerr << "accord: " << status.error_message() << " (code " << status.error_code() << ")\n";
  return 1;
}

// The channel to the query service and its stub.
struct Connection {
  security::ClientChannel channel;
  std::unique_ptr<accord::v1::QueryService::Stub> stub;
};

std::optional<Connection> Connect(const QueryCommandOptions& options) {
  absl::StatusOr<security::ClientChannel> channel =
      security::MakeClientChannel(options.target, options.security, "tls", "token_file");
  if (!channel.ok()) {
    std::cerr << "accord: " << channel.status().message() << "\n";
    return std::nullopt;
  }
  Connection connection{std::move(*channel), nullptr};
  connection.stub = accord::v1::QueryService::NewStub(connection.channel.channel);
  return connection;
}

// The deadline and the bearer token of one call.
void Prepare(grpc::ClientContext* context, const QueryCommandOptions& options, const Connection& connection) {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(absl::ToInt64Milliseconds(options.timeout)));
  connection.channel.Authorize(context);
}

// Pages through one List method and prints every record.
template <typename Request, typename Response, typename Call, typename Items>
int ListAll(const QueryCommandOptions& options, const Connection& connection, Call call, Items items) {
  Request request;
  if (!options.filter.empty()) {
    const auto parsed = google::protobuf::util::JsonStringToMessage(options.filter, &request);
    if (!parsed.ok()) {
      std::cerr << "accord: --filter is not a " << Request::descriptor()->full_name()
                << " in JSON: " << parsed.message() << "\n";
      return 2;
    }
  }
  request.set_min_sequence(options.min_sequence);
  do {
    grpc::ClientContext context;
    Prepare(&context, options, connection);
    Response response;
    const grpc::Status status = call(&context, request, &response);
    if (!status.ok()) return Fail(status);
    for (const auto& record : items(response)) PrintJson(record);
    request.set_page_token(response.next_page_token());
  } while (options.all_pages && !request.page_token().empty());
  return 0;
}

template <typename Request, typename Record, typename Call>
int GetOne(const std::string& name, const QueryCommandOptions& options, const Connection& connection, Call call) {
  Request request;
  request.set_name(name);
  request.set_min_sequence(options.min_sequence);
  grpc::ClientContext context;
  Prepare(&context, options, connection);
  Record record;
  const grpc::Status status = call(&context, request, &record);
  if (!status.ok()) return Fail(status);
  PrintJson(record);
  return 0;
}

}  // namespace

int RunList(const std::string& kind, const QueryCommandOptions& options) {
  using namespace accord::v1;
  std::optional<Connection> connection = Connect(options);
  if (!connection.has_value()) return 2;
  const auto& stub = connection->stub;
  if (kind == "officials") {
    return ListAll<ListOfficialsRequest, ListOfficialsResponse>(
        options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->ListOfficials(c, r, s); },
        [](const auto& s) { return s.officials(); });
  }
  if (kind == "plans") {
    return ListAll<ListCooperationPlansRequest, ListCooperationPlansResponse>(
        options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->ListCooperationPlans(c, r, s); },
        [](const auto& s) { return s.plans(); });
  }
  if (kind == "checkpoints") {
    return ListAll<ListBorderCheckpointsRequest, ListBorderCheckpointsResponse>(
        options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->ListBorderCheckpoints(c, r, s); },
        [](const auto& s) { return s.checkpoints(); });
  }
  if (kind == "articles") {
    return ListAll<ListArticlesRequest, ListArticlesResponse>(
        options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->ListArticles(c, r, s); },
        [](const auto& s) { return s.articles(); });
  }
  std::cerr << "accord list: KIND is officials, plans, checkpoints or articles\n";
  return 2;
}

int RunGet(const std::string& name, const QueryCommandOptions& options) {
  using namespace accord::v1;
  std::optional<Connection> connection = Connect(options);
  if (!connection.has_value()) return 2;
  const auto& stub = connection->stub;
  const std::string collection = name.substr(0, name.find('/'));
  if (collection == "officials") {
    return GetOne<GetOfficialRequest, Official>(
        name, options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->GetOfficial(c, r, s); });
  }
  if (collection == "plans") {
    return GetOne<GetCooperationPlanRequest, CooperationPlan>(
        name, options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->GetCooperationPlan(c, r, s); });
  }
  if (collection == "checkpoints") {
    return GetOne<GetBorderCheckpointRequest, BorderCheckpoint>(
        name, options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->GetBorderCheckpoint(c, r, s); });
  }
  if (collection == "articles") {
    return GetOne<GetArticleRequest, Article>(
        name, options, *connection, [&](auto* c, const auto& r, auto* s) { return stub->GetArticle(c, r, s); });
  }
  std::cerr << "accord get: NAME is officials/{id}, plans/{id}, checkpoints/{id} or articles/{id}\n";
  return 2;
}

}  // namespace accord::cli
