// Reads articles from files for the CLI: .txt (raw text), .json (one
// accord.v1.Article in proto3 JSON), .jsonl (one per line); a folder is
// walked recursively in name order, taking only those three kinds.
#ifndef ACCORD_CLI_ARTICLE_FILES_H_
#define ACCORD_CLI_ARTICLE_FILES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "accord/v1/records.pb.h"

namespace accord::cli {

// One article read from disk, or why it could not be read.
struct LoadedArticle {
  // "path" or "path:line" for JSON-lines.
  std::string origin;
  accord::v1::Article article;
  absl::Status status;
};

// Expands `paths` (files and folders) in order. A path that does not exist
// yields one entry with a NOT_FOUND status. Invalid UTF-8 in a .txt file is
// repaired (U+FFFD), since scraped pages often carry a stray byte.
std::vector<LoadedArticle> LoadArticles(const std::vector<std::string>& paths);

// Reads exactly one article from a .txt or .json file.
absl::StatusOr<accord::v1::Article> LoadOneArticle(const std::string& path);

}  // namespace accord::cli

#endif  // ACCORD_CLI_ARTICLE_FILES_H_
