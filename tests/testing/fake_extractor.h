// An Extractor for tests of storage and services, independent of the real
// rules. Each line of the text of the form
//   official: Display Name | CC
//   plan: kind | year
//   checkpoint: Side A | Side B | status
// yields one record (ids as the real extractor makes them); other lines are ignored.
#ifndef ACCORD_TESTS_TESTING_FAKE_EXTRACTOR_H_
#define ACCORD_TESTS_TESTING_FAKE_EXTRACTOR_H_

#include <memory>

#include "ingest_service/extraction/extractor.h"

namespace accord::testing {

class FakeExtractor final : public extraction::Extractor {
 public:
  accord::v1::ArticleExtraction Extract(const accord::v1::Article& article) const override;
};

}  // namespace accord::testing

#endif  // ACCORD_TESTS_TESTING_FAKE_EXTRACTOR_H_
