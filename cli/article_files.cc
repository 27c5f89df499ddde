#include "cli/article_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "shared/text/utf8.h"

namespace accord::cli {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<accord::v1::Article> ParseJsonArticle(const std::string& json) {
  accord::v1::Article article;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &article, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("not an accord.v1.Article in JSON: ", status.message().as_string()));
  }
  return article;
}

bool IsArticleFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".txt" || ext == ".json" || ext == ".jsonl";
}

void LoadFile(const std::string& path, std::vector<LoadedArticle>* out) {
  if (absl::EndsWith(path, ".jsonl")) {
    absl::StatusOr<std::string> content = ReadFile(path);
    if (!content.ok()) {
      out->push_back({path, {}, content.status()});
      return;
    }
    std::istringstream lines(*content);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      absl::StatusOr<accord::v1::Article> article = ParseJsonArticle(line);
      out->push_back({absl::StrCat(path, ":", n), article.ok() ? *article : accord::v1::Article(), article.status()});
    }
    return;
  }
  absl::StatusOr<accord::v1::Article> article = LoadOneArticle(path);
  out->push_back({path, article.ok() ? *article : accord::v1::Article(), article.status()});
}

}  // namespace

absl::StatusOr<accord::v1::Article> LoadOneArticle(const std::string& path) {
  absl::StatusOr<std::string> content = ReadFile(path);
  if (!content.ok()) return content.status();
  if (absl::EndsWith(path, ".json")) return ParseJsonArticle(*content);
  accord::v1::Article article;
  article.set_text(text::RepairUtf8(*content));
  return article;
}

std::vector<LoadedArticle> LoadArticles(const std::vector<std::string>& paths) {
  std::vector<LoadedArticle> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file() && IsArticleFile(entry.path())) files.push_back(entry.path().string());
      }
      std::sort(files.begin(), files.end());
      for (const std::string& file : files) LoadFile(file, &out);
    } else if (fs::exists(path, ec)) {
      LoadFile(path, &out);
    } else {
      out.push_back({path, {}, absl::NotFoundError(absl::StrCat(path, ": no such file or folder"))});
    }
  }
  return out;
}

}  // namespace accord::cli
