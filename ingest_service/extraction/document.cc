#include "ingest_service/extraction/document.h"

#include <utility>

#include "ingest_service/extraction/furniture.h"
#include "ingest_service/extraction/sentences.h"

namespace accord::extraction {

Document::Document(std::string article_id, std::string_view original, accord::v1::Date article_date)
    : article_id_(std::move(article_id)),
      original_(original),
      normalized_(NormalizeText(original)),
      article_date_(std::move(article_date)) {
  const std::vector<LineSpan> lines = ContentLines(normalized_.text);
  for (const SentenceSpan& span : SplitSentences(normalized_.text, lines)) {
    Sentence s;
    s.begin = span.begin;
    s.end = span.end;
    s.tokens = Tokenize(std::string_view(normalized_.text).substr(span.begin, span.end - span.begin), span.begin);
    countries_.Add(s.tokens);
    sentences_.push_back(std::move(s));
  }
}

std::string_view Document::SentenceText(size_t i) const {
  const Sentence& s = sentences_[i];
  return Span(s.begin, s.end);
}

std::string_view Document::TokenSpan(size_t sentence, size_t first, size_t last) const {
  const auto& t = sentences_[sentence].tokens;
  return Span(t[first].begin, t[last].end);
}

std::vector<std::string> Document::MainCountries() const { return countries_.Top(2, 2); }

accord::v1::Evidence Document::MakeEvidence(const EvidenceRef& ref) const {
  accord::v1::Evidence e;
  const Sentence& s = sentences_[ref.sentence];
  const uint32_t ob = normalized_.OriginalOffset(s.begin);
  const uint32_t oe = normalized_.OriginalOffset(s.end);
  e.set_article_id(article_id_);
  e.set_sentence(std::string(original_.substr(ob, oe - ob)));
  e.set_start(ob);
  e.set_end(oe);
  e.set_field(ref.field);
  e.set_rule(ref.rule);
  e.set_confidence(ref.confidence);
  return e;
}

}  // namespace accord::extraction
