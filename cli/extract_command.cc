#include "cli/extract_command.h"

#include <iostream>

#include "cli/article_files.h"
#include "google/protobuf/util/json_util.h"
#include "ingest_service/core/article_identity.h"
#include "ingest_service/core/article_validator.h"
#include "ingest_service/extraction/extractor.h"

namespace accord::cli {

int RunExtract(const std::string& path) {
  absl::StatusOr<accord::v1::Article> article = LoadOneArticle(path);
  if (!article.ok()) {
    std::cerr << "accord extract: " << article.status().message() << "\n";
    return 1;
  }
  if (absl::Status valid = ingest::ValidateArticle(*article, ingest::ArticleLimits()); !valid.ok()) {
    std::cerr << "accord extract: " << path << ": " << valid.message() << "\n";
    return 1;
  }
  article->set_id(ingest::ArticleIdFor(article->url(), article->text()));
  article->set_name(ingest::ArticleName(article->id()));
  auto extractor = extraction::Extractor::Create();
  if (!extractor.ok()) {
    std::cerr << "accord extract: " << extractor.status() << "\n";
    return 1;
  }
  const accord::v1::ArticleExtraction extraction = (*extractor)->Extract(*article);
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  const auto status = google::protobuf::util::MessageToJsonString(extraction, &json, options);
  if (!status.ok()) {
    std::cerr << "accord extract: " << status.ToString() << "\n";
    return 1;
  }
  std::cout << json << "\n";
  return 0;
}

}  // namespace accord::cli
