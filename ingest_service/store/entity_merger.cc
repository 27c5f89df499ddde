#include "ingest_service/store/entity_merger.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "google/protobuf/repeated_field.h"
#include "shared/text/fold.h"

namespace accord::ingest {
namespace {

using google::protobuf::RepeatedPtrField;
using google::protobuf::RepeatedField;

bool IsSet(const accord::v1::Date& d) { return d.year() != 0; }

void MergeStrings(RepeatedPtrField<std::string>* into, const RepeatedPtrField<std::string>& from) {
  std::set<std::string> all(into->begin(), into->end());
  all.insert(from.begin(), from.end());
  into->Clear();
  for (const std::string& s : all) *into->Add() = s;
}

// MergeStrings, then only the kMaxArticleIds smallest.
void MergeArticleIds(RepeatedPtrField<std::string>* into, const RepeatedPtrField<std::string>& from) {
  MergeStrings(into, from);
  if (into->size() > kMaxArticleIds) into->DeleteSubrange(kMaxArticleIds, into->size() - kMaxArticleIds);
}

template <typename Enum>
void MergeEnums(RepeatedField<int>* into, const RepeatedField<int>& from) {
  std::set<int> all(into->begin(), into->end());
  all.insert(from.begin(), from.end());
  into->Clear();
  for (int v : all) into->Add(v);
}

size_t NonAsciiBytes(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Keeps the more complete "as written" form: more diacritics wins; ties keep `stored`.
void MergeAsWritten(std::string* stored, const std::string& candidate) {
  if (stored->empty() || NonAsciiBytes(candidate) > NonAsciiBytes(*stored)) *stored = candidate;
}

void MergeEvidence(RepeatedPtrField<accord::v1::Evidence>* into,
                   const RepeatedPtrField<accord::v1::Evidence>& from) {
  auto key = [](const accord::v1::Evidence& e) { return std::make_tuple(e.article_id(), e.start(), e.field()); };
  std::set<std::tuple<std::string, uint32_t, std::string>> seen;
  for (const auto& e : *into) seen.insert(key(e));
  for (const auto& e : from) {
    if (into->size() >= kMaxEvidence) break;
    if (seen.insert(key(e)).second) *into->Add() = e;
  }
}

void MergeFirstLast(accord::v1::Role* into, const accord::v1::Role& from) {
  if (IsSet(from.first_seen()) &&
      (!IsSet(into->first_seen()) || CompareDates(from.first_seen(), into->first_seen()) < 0)) {
    *into->mutable_first_seen() = from.first_seen();
  }
  if (IsSet(from.last_seen()) &&
      (!IsSet(into->last_seen()) || CompareDates(from.last_seen(), into->last_seen()) > 0)) {
    *into->mutable_last_seen() = from.last_seen();
  }
}

void MergeRoles(RepeatedPtrField<accord::v1::Role>* into, const RepeatedPtrField<accord::v1::Role>& from) {
  for (const accord::v1::Role& role : from) {
    const std::string title = text::FoldForMatch(role.title());
    const std::string org = text::FoldForMatch(role.organization());
    auto match = std::find_if(into->begin(), into->end(), [&](const accord::v1::Role& r) {
      return text::FoldForMatch(r.title()) == title && text::FoldForMatch(r.organization()) == org;
    });
    if (match == into->end()) {
      *into->Add() = role;
      continue;
    }
    MergeAsWritten(match->mutable_title(), role.title());
    if (match->country_code().empty()) match->set_country_code(role.country_code());
    MergeFirstLast(&*match, role);
    MergeArticleIds(match->mutable_article_ids(), role.article_ids());
  }
}

void MergeParticipants(RepeatedPtrField<accord::v1::PlanParticipant>* into,
                       const RepeatedPtrField<accord::v1::PlanParticipant>& from) {
  for (const auto& p : from) {
    const bool present = std::any_of(into->begin(), into->end(), [&](const accord::v1::PlanParticipant& q) {
      return p.official_id().empty() ? text::FoldForMatch(q.display_name()) == text::FoldForMatch(p.display_name())
                                     : q.official_id() == p.official_id();
    });
    if (!present && into->size() < kMaxParticipants) *into->Add() = p;
  }
}

}  // namespace

int CompareDates(const accord::v1::Date& a, const accord::v1::Date& b) {
  if (a.year() != b.year()) return a.year() < b.year() ? -1 : 1;
  if (a.month() != b.month()) return a.month() < b.month() ? -1 : 1;
  if (a.day() != b.day()) return a.day() < b.day() ? -1 : 1;
  return 0;
}

void MergeOfficial(accord::v1::Official* stored, const accord::v1::Official& c) {
  if (stored->id().empty()) {
    stored->set_id(c.id());
    stored->set_name(c.name());
  }
  MergeAsWritten(stored->mutable_display_name(), c.display_name());
  MergeStrings(stored->mutable_aliases(), c.aliases());
  if (stored->country_code().empty()) stored->set_country_code(c.country_code());
  if (stored->rank().empty()) stored->set_rank(c.rank());
  MergeRoles(stored->mutable_roles(), c.roles());
  MergeEvidence(stored->mutable_evidence(), c.evidence());
  MergeArticleIds(stored->mutable_article_ids(), c.article_ids());
  stored->set_confidence(std::max(stored->confidence(), c.confidence()));
}

void MergePlan(accord::v1::CooperationPlan* stored, const accord::v1::CooperationPlan& c) {
  if (stored->id().empty()) {
    stored->set_id(c.id());
    stored->set_name(c.name());
    stored->set_kind(c.kind());
    stored->set_year(c.year());
    stored->set_start_year(c.start_year());
    stored->set_end_year(c.end_year());
  }
  if (stored->title().empty() || (c.title().size() > stored->title().size())) stored->set_title(c.title());
  for (const auto& party : c.parties()) {
    auto match = std::find_if(stored->mutable_parties()->begin(), stored->mutable_parties()->end(),
                              [&](const accord::v1::Party& p) { return p.country_code() == party.country_code(); });
    if (match == stored->mutable_parties()->end()) {
      *stored->add_parties() = party;
    } else if (match->organization().empty()) {
      match->set_organization(party.organization());
    }
  }
  std::sort(stored->mutable_parties()->begin(), stored->mutable_parties()->end(),
            [](const accord::v1::Party& a, const accord::v1::Party& b) { return a.country_code() < b.country_code(); });
  MergeParticipants(stored->mutable_signatories(), c.signatories());
  MergeParticipants(stored->mutable_witnesses(), c.witnesses());
  // The most precise signing date wins; between equally precise ones, the earlier.
  const auto precision = [](const accord::v1::Date& d) { return (d.year() != 0) + (d.month() != 0) + (d.day() != 0); };
  if (precision(c.signed_on()) > precision(stored->signed_on()) ||
      (precision(c.signed_on()) == precision(stored->signed_on()) && precision(c.signed_on()) > 0 &&
       CompareDates(c.signed_on(), stored->signed_on()) < 0)) {
    *stored->mutable_signed_on() = c.signed_on();
  }
  MergeEnums<accord::v1::FocusArea>(stored->mutable_focus_areas(), c.focus_areas());
  MergeEvidence(stored->mutable_evidence(), c.evidence());
  MergeArticleIds(stored->mutable_article_ids(), c.article_ids());
  stored->set_confidence(std::max(stored->confidence(), c.confidence()));
}

void MergeCheckpoint(accord::v1::BorderCheckpoint* stored, const accord::v1::BorderCheckpoint& c) {
  if (stored->id().empty()) {
    stored->set_id(c.id());
    stored->set_name(c.name());
  }
  MergeAsWritten(stored->mutable_display_name(), c.display_name());
  for (const auto& side : c.sides()) {
    const std::string folded = text::FoldForMatch(side.name());
    auto match = std::find_if(stored->mutable_sides()->begin(), stored->mutable_sides()->end(),
                              [&](const accord::v1::CheckpointSide& s) { return text::FoldForMatch(s.name()) == folded; });
    if (match == stored->mutable_sides()->end()) {
      *stored->add_sides() = side;
      continue;
    }
    MergeAsWritten(match->mutable_name(), side.name());
    if (match->country_code().empty()) match->set_country_code(side.country_code());
    if (match->province().empty()) match->set_province(side.province());
  }
  // The higher-ranked type wins (international > main > secondary), whatever the order.
  const auto rank = [](int t) {
    return t == accord::v1::CHECKPOINT_TYPE_INTERNATIONAL ? 3
           : t == accord::v1::CHECKPOINT_TYPE_MAIN        ? 2
           : t == accord::v1::CHECKPOINT_TYPE_SECONDARY   ? 1
                                                           : 0;
  };
  if (rank(c.type()) > rank(stored->type())) stored->set_type(c.type());
  for (const auto& obs : c.status_history()) {
    const bool present = std::any_of(stored->status_history().begin(), stored->status_history().end(),
                                     [&](const accord::v1::StatusObservation& o) {
                                       return o.article_id() == obs.article_id() && o.status() == obs.status();
                                     });
    if (!present) *stored->add_status_history() = obs;
  }
  auto* history = stored->mutable_status_history();
  std::sort(history->begin(), history->end(),
            [](const accord::v1::StatusObservation& a, const accord::v1::StatusObservation& b) {
              const int by_date = CompareDates(a.seen_on(), b.seen_on());
              if (by_date != 0) return by_date < 0;
              if (a.article_id() != b.article_id()) return a.article_id() < b.article_id();
              return a.status() < b.status();
            });
  // Only the latest kMaxStatusHistory are kept (a popular gate is reported in thousands of articles).
  if (history->size() > kMaxStatusHistory) history->DeleteSubrange(0, history->size() - kMaxStatusHistory);
  // The latest observation decides the status; a contribution without history keeps its own.
  if (!history->empty()) {
    stored->set_status(history->rbegin()->status());
  } else if (stored->status() == accord::v1::CHECKPOINT_STATUS_UNSPECIFIED) {
    stored->set_status(c.status());
  }
  MergeEvidence(stored->mutable_evidence(), c.evidence());
  MergeArticleIds(stored->mutable_article_ids(), c.article_ids());
  stored->set_confidence(std::max(stored->confidence(), c.confidence()));
}

}  // namespace accord::ingest
