#include "ingest_service/extraction/furniture.h"

#include <string>
#include <unordered_set>

#include "ingest_service/extraction/folding.h"

namespace accord::extraction {
namespace {

// Content characters that must precede an end marker for it to end the
// story; before that it is a header label and only the line is dropped.
constexpr size_t kMinStoryBeforeEnd = 300;
// Longer lines are never treated as captions or labels.
constexpr size_t kMaxFurnitureLine = 400;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool Contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// Comment forms and share widgets: dropped wherever they are.
bool IsWidgetLine(std::string_view folded) {
  static constexpr std::string_view kWidgets[] = {
      "please enter your comment", "please enter your name", "you have entered an incorrect email",
      "save my name email", "post comment", "share this article", "share on facebook", "share on twitter",
      "follow us on", "subscribe to our newsletter", "sign up for our newsletter", "all rights reserved",
      "click here to", "log in to comment", "print this article", "email this article"};
  for (std::string_view w : kWidgets) {
    if (StartsWith(folded, w)) return true;
  }
  return false;
}

// Photo captions and credits: "(Photo: VNA)", "Credit: ...", "... ảnh 1".
bool IsCaptionLine(std::string_view line, std::string_view folded) {
  if (line.size() > kMaxFurnitureLine) return false;
  if (StartsWith(folded, "photo ") || StartsWith(folded, "credit ") || StartsWith(folded, "image ") ||
      StartsWith(folded, "file photo") || StartsWith(folded, "photo by") || StartsWith(folded, "source ")) {
    return true;
  }
  // Each marker below leaves one of these words in the folded line: most
  // lines are settled without folding them a second way.
  if (!Contains(folded, "photo") && !Contains(folded, "image") && !Contains(folded, "credit") &&
      !Contains(folded, "anh 1")) {
    return false;
  }
  const std::string lower = FoldDiacritics(line);
  return Contains(lower, "(photo") || Contains(lower, "photo:") || Contains(lower, "(image") ||
         Contains(lower, "(file photo") || Contains(lower, " anh 1") || StartsWith(lower, "anh 1") || Contains(lower, "(credit") ||
         Contains(lower, "photo credit");
}

// Short label lines without sentence punctuation: "Recent Features",
// "Top 5 This Week", "ASEAN Beat".
bool IsLabelLine(std::string_view line, std::string_view folded) {
  if (line.size() > 60) return false;
  const char last = line.empty() ? '\0' : line.back();
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == ':') return false;
  int words = folded.empty() ? 0 : 1;
  for (char c : folded) words += c == ' ';
  return words <= 4;
}

}  // namespace

bool IsEndMarker(std::string_view f) {
  static const auto* const kMarkers = new std::unordered_set<std::string_view>{
      "see more", "see also", "related posts", "related post", "related articles", "related article",
      "related news", "related stories", "related", "read more", "read also", "also read", "more news",
      "more stories", "more from this section", "you may also like", "you might also like",
      "you may be interested", "leave a reply", "leave a comment", "popular articles", "popular posts",
      "most read", "most popular", "most viewed", "latest news", "latest articles", "recommended",
      "recommended for you", "tags", "comments", "trending", "trending now", "other news", "other articles",
      "same category", "more on this topic", "top stories", "editor s picks", "don t miss"};
  return kMarkers->count(f) > 0;
}

std::vector<LineSpan> ContentLines(std::string_view text) {
  std::vector<LineSpan> out;
  std::unordered_set<std::string> seen;
  size_t story_chars = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    size_t b = pos, e = nl;
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    pos = nl + 1;
    if (b == e) {
      if (nl == text.size()) break;
      continue;
    }
    const std::string_view line = text.substr(b, e - b);
    // Folding a very long line is linear; markers and captions are short.
    const std::string folded = line.size() <= kMaxFurnitureLine ? FoldForMatch(line) : std::string();
    const bool short_line = line.size() <= kMaxFurnitureLine;
    if (short_line) {
      std::string_view f = folded;
      if (IsEndMarker(f)) {
        if (story_chars >= kMinStoryBeforeEnd) break;
        continue;
      }
      if (StartsWith(f, "tags ") || StartsWith(f, "related ") || StartsWith(f, "keywords ")) {
        if (story_chars >= kMinStoryBeforeEnd && line.size() < 200) break;
      }
      if (IsWidgetLine(f) || IsCaptionLine(line, f)) continue;
      if (!out.empty() && IsLabelLine(line, f)) continue;
      if (!folded.empty() && !seen.insert(folded).second) continue;
    }
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    story_chars += line.size();
    if (nl == text.size()) break;
  }
  return out;
}

}  // namespace accord::extraction
