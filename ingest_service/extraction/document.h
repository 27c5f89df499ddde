// One article prepared for the finders: the original text, its normalised
// form with the offset map, the content sentences (furniture removed) with
// their tokens, the article's date and main countries. Evidence built from
// it always quotes the original text exactly.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_DOCUMENT_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accord/v1/records.pb.h"
#include "ingest_service/extraction/country_mentions.h"
#include "ingest_service/extraction/text_normalizer.h"
#include "ingest_service/extraction/tokens.h"

namespace accord::extraction {

struct Sentence {
  uint32_t begin = 0;  // normalised offsets
  uint32_t end = 0;
  std::vector<Token> tokens;
};

// A pointer to evidence for a record, turned into accord.v1.Evidence by
// Document::MakeEvidence.
struct EvidenceRef {
  int sentence = 0;
  std::string field;
  std::string rule;
  float confidence = 0;
};

class Document {
 public:
  // `original` must outlive the document.
  Document(std::string article_id, std::string_view original, accord::v1::Date article_date);

  const std::string& article_id() const { return article_id_; }
  std::string_view original() const { return original_; }
  // The normalised text all token and sentence offsets refer to.
  std::string_view text() const { return normalized_.text; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  const accord::v1::Date& article_date() const { return article_date_; }
  void set_article_date(const accord::v1::Date& d) { article_date_ = d; }
  const CountryTally& countries() const { return countries_; }

  std::string_view SentenceText(size_t i) const;
  std::string_view Span(uint32_t begin, uint32_t end) const { return text().substr(begin, end - begin); }
  // The text between two tokens of a sentence, inclusive, as normalised.
  std::string_view TokenSpan(size_t sentence, size_t first, size_t last) const;

  // The article's main countries: the two most mentioned (at least twice), or
  // fewer; "VN","KH" order is not implied.
  std::vector<std::string> MainCountries() const;

  // Evidence quoting sentence `ref.sentence` exactly as in the original text.
  accord::v1::Evidence MakeEvidence(const EvidenceRef& ref) const;

 private:
  std::string article_id_;
  std::string_view original_;
  NormalizedText normalized_;
  std::vector<Sentence> sentences_;
  accord::v1::Date article_date_;
  CountryTally countries_;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_DOCUMENT_H_
