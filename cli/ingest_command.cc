#include "cli/ingest_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "cli/article_files.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace accord::cli {
namespace {

std::string Summary(const accord::v1::ArticleExtraction& e) {
  std::vector<std::string> officials, plans, checkpoints;
  for (const auto& o : e.officials()) {
    officials.push_back(absl::StrCat(o.display_name(), o.country_code().empty() ? "" : " [" + o.country_code() + "]"));
  }
  for (const auto& p : e.plans()) plans.push_back(p.id());
  for (const auto& c : e.checkpoints()) checkpoints.push_back(c.display_name());
  return absl::StrCat(e.officials_size(), " officials (", absl::StrJoin(officials, ", "), "); ", e.plans_size(),
                      " plans (", absl::StrJoin(plans, ", "), "); ", e.checkpoints_size(), " checkpoints (",
                      absl::StrJoin(checkpoints, ", "), ")");
}

}  // namespace

int RunIngest(const IngestCommandOptions& options) {
  std::vector<LoadedArticle> loaded = LoadArticles(options.paths);
  std::vector<const LoadedArticle*> to_send;
  int ingested = 0, present = 0, rejected = 0;
  std::vector<std::string> reasons;
  for (const LoadedArticle& a : loaded) {
    if (a.status.ok()) {
      to_send.push_back(&a);
    } else {
      ++rejected;
      reasons.push_back(absl::StrCat(a.origin, ": ", a.status.message()));
    }
  }

  absl::StatusOr<security::ClientChannel> channel =
      security::MakeClientChannel(options.target, options.security, "tls", "token_file");
  if (!channel.ok()) {
    std::cerr << "accord: " << channel.status().message() << "\n";
    return 2;
  }
  auto stub = accord::v1::IngestService::NewStub(channel->channel);
  grpc::ClientContext context;
  channel->Authorize(&context);
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(absl::ToInt64Milliseconds(options.timeout)));
  auto stream = stub->IngestArticles(&context);

  std::thread writer([&] {
    for (const LoadedArticle* a : to_send) {
      accord::v1::IngestArticleRequest request;
      *request.mutable_article() = a->article;
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });

  const bool tty = ::isatty(STDERR_FILENO);
  accord::v1::IngestArticlesResponse response;
  size_t received = 0;
  uint64_t last_sequence = 0;
  while (stream->Read(&response)) {
    if (response.index() >= to_send.size()) continue;
    const LoadedArticle& a = *to_send[response.index()];
    ++received;
    if (response.has_error()) {
      ++rejected;
      reasons.push_back(absl::StrCat(a.origin, ": ", response.error().message()));
    } else if (last_sequence = std::max(last_sequence, response.result().sequence());
               response.result().already_present()) {
      ++present;
    } else {
      ++ingested;
    }
    if (options.verbose && response.has_result()) {
      std::cout << a.origin << " -> " << response.result().name() << " (seq " << response.result().sequence()
                << (response.result().already_present() ? ", already present" : "")
                << "): " << Summary(response.result().extraction()) << "\n";
    }
    if (tty) {
      std::cerr << "\r[" << received << "/" << to_send.size() << "] ingested " << ingested << ", already present "
                << present << ", rejected " << rejected << std::flush;
    }
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  if (tty) std::cerr << "\n";
  for (const std::string& reason : reasons) std::cerr << "rejected: " << reason << "\n";
  std::cout << "ingested " << ingested << ", already present " << present << ", rejected " << rejected
            << "; last sequence " << last_sequence << "\n";
  if (!status.ok()) {
    std::cerr << "accord ingest: stream to " << options.target << " failed: " << status.error_message() << " (code "
              << status.error_code() << "); " << (to_send.size() - received) << " articles without a result\n";
    return 2;
  }
  return rejected > 0 ? 1 : 0;
}

}  // namespace accord::cli
