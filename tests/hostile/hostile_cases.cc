#include "tests/hostile/hostile_cases.h"

#include <limits>
#include <random>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "accord/v1/ingest_service.pb.h"
#include "accord/v1/query_service.pb.h"
#include "ingest_service/core/article_validator.h"
#include "shared/records/resource_names.h"
#include "tests/hostile/hostile_support.h"

namespace accord::hostile {
namespace {

using grpc::StatusCode;
namespace v1 = ::accord::v1;

const std::string kIngestArticle = "/accord.v1.IngestService/IngestArticle";
const std::string kIngestArticles = "/accord.v1.IngestService/IngestArticles";
const std::string kIngestGetArticle = "/accord.v1.IngestService/GetArticle";
const std::string kDeleteArticle = "/accord.v1.IngestService/DeleteArticle";
const std::string kWatchChanges = "/accord.v1.IngestService/WatchChanges";
const std::string kGetOfficial = "/accord.v1.QueryService/GetOfficial";
const std::string kListOfficials = "/accord.v1.QueryService/ListOfficials";
const std::string kGetPlan = "/accord.v1.QueryService/GetCooperationPlan";
const std::string kListPlans = "/accord.v1.QueryService/ListCooperationPlans";
const std::string kGetCheckpoint = "/accord.v1.QueryService/GetBorderCheckpoint";
const std::string kListCheckpoints = "/accord.v1.QueryService/ListBorderCheckpoints";
const std::string kQueryGetArticle = "/accord.v1.QueryService/GetArticle";
const std::string kListArticles = "/accord.v1.QueryService/ListArticles";

const std::vector<std::string> kListMethods = {kListOfficials, kListPlans, kListCheckpoints, kListArticles};

Expected Ok() { return {StatusCode::OK, ""}; }
Expected Invalid(const std::string& field) { return {StatusCode::INVALID_ARGUMENT, field + ": "}; }
Expected NotFound() { return {StatusCode::NOT_FOUND, "name: "}; }
Expected OutOfRange(const std::string& what) { return {StatusCode::OUT_OF_RANGE, what}; }

// The request type a method path takes ("IngestArticleRequest").
std::string RequestType(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {kIngestArticle, "IngestArticleRequest"},       {kIngestArticles, "IngestArticleRequest"},
      {kIngestGetArticle, "GetArticleRequest"},       {kDeleteArticle, "DeleteArticleRequest"},
      {kWatchChanges, "WatchChangesRequest"},         {kGetOfficial, "GetOfficialRequest"},
      {kListOfficials, "ListOfficialsRequest"},       {kGetPlan, "GetCooperationPlanRequest"},
      {kListPlans, "ListCooperationPlansRequest"},    {kGetCheckpoint, "GetBorderCheckpointRequest"},
      {kListCheckpoints, "ListBorderCheckpointsRequest"}, {kQueryGetArticle, "GetArticleRequest"},
      {kListArticles, "ListArticlesRequest"}};
  return kTypes.at(path);
}

// What every method answers a body that does not parse (README "Errors").
Expected Unparsable(const std::string& path) {
  return {StatusCode::INVALID_ARGUMENT, "request: does not parse as accord.v1." + RequestType(path)};
}

// `base` with the (possibly nested) string field at `path` set to `value`,
// written by hand: a later occurrence of a field wins, and embedded messages merge.
std::string WithField(const std::string& base, const std::vector<int>& path, std::string_view value) {
  Wire inner;
  inner.Bytes(path.back(), value);
  for (size_t i = path.size() - 1; i-- > 0;) {
    Wire outer;
    outer.Message(path[i], inner);
    inner = outer;
  }
  return base + inner.bytes();
}

std::string Insert(std::string value, size_t at, std::string_view what) {
  value.insert(std::min(at, value.size()), what.data(), what.size());
  return value;
}

std::string Repeat(std::string_view unit, size_t bytes) {
  std::string s;
  s.reserve(bytes);
  while (s.size() + unit.size() <= bytes) s.append(unit.data(), unit.size());
  while (s.size() < bytes) s.push_back('x');
  return s;
}

v1::Article GoodArticle(const std::string& tag) {
  v1::Article a;
  std::string slug = tag;
  for (char& c : slug) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  a.set_url("https://hostile.example/never-stored/" + slug);
  a.set_title("Ministers meet at the border");
  a.set_source("Hostile Wire");
  a.mutable_published_on()->set_year(2024);
  a.mutable_published_on()->set_month(5);
  a.mutable_published_on()->set_day(14);
  a.set_text("Cambodian Minister of Interior Sar Sokha and Vietnamese Minister of Public Security Luong Tam Quang "
             "met in Tay Ninh to review the 2024 security cooperation plan. " + tag);
  return a;
}

std::string IngestBody(const v1::Article& article, bool validate_only) {
  v1::IngestArticleRequest r;
  *r.mutable_article() = article;
  r.set_validate_only(validate_only);
  return r.SerializeAsString();
}

// ---- Checks of OK responses ----

template <typename Response>
std::function<std::string(const std::string&)> ParsesAs() {
  return [](const std::string& bytes) -> std::string {
    Response r;
    return r.ParseFromString(bytes) ? "" : "the response does not parse";
  };
}

// A List response of `path` with at most `most` records (exactly `exactly` when >= 0).
std::function<std::string(const std::string&)> ListCount(const std::string& path, int most, int exactly = -1) {
  return [path, most, exactly](const std::string& bytes) -> std::string {
    int n = -1;
    bool more = false;
    if (path == kListOfficials) {
      v1::ListOfficialsResponse r;
      if (r.ParseFromString(bytes)) n = r.officials_size(), more = !r.next_page_token().empty();
    } else if (path == kListPlans) {
      v1::ListCooperationPlansResponse r;
      if (r.ParseFromString(bytes)) n = r.plans_size(), more = !r.next_page_token().empty();
    } else if (path == kListCheckpoints) {
      v1::ListBorderCheckpointsResponse r;
      if (r.ParseFromString(bytes)) n = r.checkpoints_size(), more = !r.next_page_token().empty();
    } else if (path == kListArticles) {
      v1::ListArticlesResponse r;
      if (r.ParseFromString(bytes)) n = r.articles_size(), more = !r.next_page_token().empty();
    }
    if (n < 0) return "the response does not parse";
    if (n > most) return absl::StrCat(n, " records, more than ", most);
    if (exactly >= 0 && (n != exactly || !more)) {
      return absl::StrCat(n, " records", more ? "" : " and no next_page_token", ", expected ", exactly, " and a token");
    }
    return "";
  };
}

// An IngestArticleResponse (or the stream's result) of a validate_only call:
// sequence 0 and a well-formed name, whatever id/name the request carried.
std::string ValidatedOnly(const v1::IngestArticleResponse& r) {
  if (r.sequence() != 0) return absl::StrCat("validate_only returned sequence ", r.sequence());
  if (!records::IsValidId(r.article_id()) || r.name() != "articles/" + r.article_id()) {
    return "the article_id or name is not the server's: " + absl::CEscape(r.name());
  }
  return "";
}

std::string CheckValidatedOnly(const std::string& bytes) {
  v1::IngestArticleResponse r;
  if (!r.ParseFromString(bytes)) return "the response does not parse";
  return ValidatedOnly(r);
}

// ---- Oracles for bodies that parse ----

Expected FromStatus(const absl::Status& s) {
  if (s.ok()) return Ok();
  const std::string message(s.message());
  const size_t colon = message.find(": ");
  return {static_cast<StatusCode>(s.code()), colon == std::string::npos ? message : message.substr(0, colon + 2)};
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::optional<Expected> GetOracle(const std::string& name, uint64_t min_sequence, const std::string& collection,
                                  const std::vector<std::string>& seeded, const World& world, bool waits) {
  if (waits && min_sequence > world.head) return Expected{StatusCode::UNAVAILABLE, "min_sequence: "};
  auto id = records::ParseResourceName(name, collection, "name");
  if (!id.ok()) return FromStatus(id.status());
  return Contains(seeded, name) ? Ok() : NotFound();
}

template <typename Request, typename Call>
std::optional<Expected> ListOracle(const std::string& body, const World& world, Call call) {
  Request r;
  if (!r.ParseFromString(body)) return std::nullopt;
  if (r.min_sequence() > world.head) return Expected{StatusCode::UNAVAILABLE, "min_sequence: "};
  return FromStatus(call(r).status());
}

// Deadlines: most calls answer at once. A call that waits for min_sequence
// gives up with UNAVAILABLE at 90% of its deadline, before the caller's own
// DEADLINE_EXCEEDED: 2 s leaves the server 200 ms to say so on a loaded machine.
absl::Duration DeadlineFor(const Expected& e) {
  return e.code == StatusCode::UNAVAILABLE ? absl::Seconds(2) : absl::Seconds(10);
}

// ---- The generators ----

class Generator {
 public:
  Generator(const World& world, uint64_t seed) : world_(world), rng_(seed) {}

  std::vector<Case> Run() {
    InvalidUtf8();
    NulBytes();
    TextSizes();
    Pathological();
    RandomBytes();
    PageSizes();
    PageTokens();
    UnknownEnums();
    Names();
    BadFields();
    return std::move(cases_);
  }

 private:
  void Add(const std::string& category, const std::string& label, const std::string& path, std::string body,
           Expected expected, std::function<std::string(const std::string&)> check = nullptr,
           std::optional<absl::Duration> deadline = std::nullopt) {
    Case c;
    c.category = category;
    c.label = label;
    c.method = &MethodNamed(path);
    c.body = std::move(body);
    c.deadline = deadline.value_or(DeadlineFor(expected));
    c.expected = std::move(expected);
    c.check = std::move(check);
    cases_.push_back(std::move(c));
  }

  // Every string field of every request, with a valid request around it and
  // a valid value of its own (so that only what is inserted is hostile).
  struct StringField {
    std::string path;
    std::string base;  // the rest of the request
    std::vector<int> field;
    std::string name;
    std::string value;
    Expected with_nul;  // what a NUL inside the value gets
    bool validated_only = false;
  };

  std::vector<StringField> StringFields() {
    std::vector<StringField> f;
    for (const std::string& path : {kIngestArticle, kIngestArticles}) {
      const std::string stored = IngestBody(GoodArticle("nul"), /*validate_only=*/false);
      const std::string validated = IngestBody(GoodArticle("nul-id"), /*validate_only=*/true);
      f.push_back({path, stored, {1, 7}, "article.text", GoodArticle("t").text(), Invalid("article.text")});
      f.push_back({path, stored, {1, 4}, "article.title", "Ministers meet", Invalid("article.title")});
      f.push_back({path, stored, {1, 5}, "article.source", "Hostile Wire", Invalid("article.source")});
      f.push_back({path, stored, {1, 3}, "article.url", "https://hostile.example/u", Invalid("article.url")});
      // id and name are the server's to set: whatever the caller sends is ignored.
      f.push_back({path, validated, {1, 1}, "article.id", "0123456789abcdef", Ok(), true});
      f.push_back({path, validated, {1, 2}, "article.name", "articles/0123456789abcdef", Ok(), true});
    }
    f.push_back({kIngestGetArticle, "", {1}, "name", "articles/0123456789abcdef", Invalid("name")});
    f.push_back({kDeleteArticle, "", {1}, "name", "articles/0123456789abcdef", Invalid("name")});
    f.push_back({kWatchChanges, "", {3}, "feed_id", world_.feed_id, OutOfRange("feed_id ")});
    f.push_back({kGetOfficial, "", {1}, "name", "officials/nobody-at-all", Invalid("name")});
    f.push_back({kGetPlan, "", {1}, "name", "plans/no-such-plan", Invalid("name")});
    f.push_back({kGetCheckpoint, "", {1}, "name", "checkpoints/no-such-gate", Invalid("name")});
    f.push_back({kQueryGetArticle, "", {1}, "name", "articles/0123456789abcdef", Invalid("name")});
    // Free-text filters: a NUL is one more non-letter, like punctuation.
    f.push_back({kListOfficials, "", {2}, "page_token", world_.tokens.at(kListOfficials), Invalid("page_token")});
    f.push_back({kListOfficials, "", {3}, "country_code", "KH", Invalid("country_code")});
    f.push_back({kListOfficials, "", {4}, "name_query", "sok", Ok()});
    f.push_back({kListOfficials, "", {5}, "organization", "Ministry of Interior", Ok()});
    f.push_back({kListPlans, "", {2}, "page_token", world_.tokens.at(kListPlans), Invalid("page_token")});
    f.push_back({kListPlans, "", {5}, "country_code", "VN", Invalid("country_code")});
    f.push_back({kListPlans, "", {8}, "signatory", "Sar Sokha", Ok()});
    f.push_back({kListCheckpoints, "", {2}, "page_token", world_.tokens.at(kListCheckpoints), Invalid("page_token")});
    f.push_back({kListCheckpoints, "", {3}, "country_code", "KH", Invalid("country_code")});
    f.push_back({kListCheckpoints, "", {4}, "province", "Tay Ninh", Ok()});
    f.push_back({kListArticles, "", {2}, "page_token", world_.tokens.at(kListArticles), Invalid("page_token")});
    f.push_back({kListArticles, "", {5}, "source", "Hostile Wire", Ok()});
    f.push_back({kListArticles, "", {6}, "supports", "officials/sar-sokha", Invalid("supports")});
    return f;
  }

  // Invalid UTF-8 in every string field, at its start, middle and end: the
  // request does not parse (proto3 strings are UTF-8).
  void InvalidUtf8() {
    static const std::vector<std::pair<std::string, std::string>> kBad = {
        {"lone continuation byte", "\x80"},
        {"0xFF", "\xFF"},
        {"overlong NUL C0 80", "\xC0\x80"},
        {"UTF-16 surrogate ED A0 80", "\xED\xA0\x80"},
        {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80"},
        {"truncated E2 82", "\xE2\x82"},
        {"5-byte form F8 88 80 80 80", "\xF8\x88\x80\x80\x80"},
        {"bad continuation C3 28", "\xC3\x28"},
    };
    for (const StringField& f : StringFields()) {
      for (const auto& [what, bytes] : kBad) {
        for (size_t at : {size_t{0}, f.value.size() / 2, f.value.size()}) {
          Add("invalid_utf8", absl::StrCat(f.name, ": ", what, " at byte ", at), f.path,
              WithField(f.base, f.field, Insert(f.value, at, bytes)), Unparsable(f.path));
        }
      }
    }
  }

  // A NUL (valid UTF-8) in every string field.
  void NulBytes() {
    for (const StringField& f : StringFields()) {
      for (size_t at : {size_t{0}, f.value.size() / 2, f.value.size()}) {
        std::function<std::string(const std::string&)> check;
        if (f.validated_only) check = CheckValidatedOnly;
        Add("nul_bytes", absl::StrCat(f.name, ": NUL at byte ", at), f.path,
            WithField(f.base, f.field, Insert(f.value, at, std::string(1, '\0'))), f.with_nul, check);
      }
    }
  }

  // Text at the limit, over it by one byte and by a lot; other fields at and over theirs.
  void TextSizes() {
    const size_t limit = static_cast<size_t>(world_.max_article_bytes);
    const std::string sentence = "Cambodian and Vietnamese border guards met. ";
    struct Sized {
      std::string label;
      std::string text;
      Expected expected;
    };
    std::vector<Sized> texts = {
        {"text of exactly the limit", Repeat(sentence, limit), Ok()},
        {"text one byte over the limit", Repeat(sentence, limit + 1), Invalid("article.text")},
        {"text over the limit by one byte of a 2-byte character", Repeat(sentence, limit - 1) + "\xC3\xA9",
         Invalid("article.text")},
        {"text twice the limit", Repeat(sentence, 2 * limit), Invalid("article.text")},
        {"text of 6 MiB", Repeat(sentence, 6u << 20), Invalid("article.text")},
    };
    for (const std::string& path : {kIngestArticle, kIngestArticles}) {
      for (const Sized& t : texts) {
        v1::Article a = GoodArticle("size");
        a.set_text(t.text);
        const bool ok = t.expected.code == StatusCode::OK;
        Add("text_size", t.label, path, IngestBody(a, /*validate_only=*/ok), t.expected,
            ok ? CheckValidatedOnly : nullptr, absl::Seconds(30));
      }
      // Over the server's largest message: gRPC refuses it before the service sees it.
      v1::Article huge = GoodArticle("huge");
      huge.set_text(Repeat(sentence, static_cast<size_t>(world_.max_message_bytes) + (1u << 20)));
      Add("text_size", "message over --max_message_bytes", path, IngestBody(huge, false),
          {StatusCode::RESOURCE_EXHAUSTED, ""}, nullptr, absl::Seconds(30));
      for (const auto& [field, limit_bytes] : std::vector<std::pair<std::string, size_t>>{
               {"title", 2048}, {"source", 512}, {"url", 4096}}) {
        for (size_t size : {limit_bytes, limit_bytes + 1, 64 * limit_bytes}) {
          v1::Article a = GoodArticle("field-size");
          const std::string value = field == "url" ? Repeat("https://hostile.example/" + std::string(4, 'p'), size)
                                                   : Repeat("Ministers", size);
          if (field == "title") a.set_title(value);
          if (field == "source") a.set_source(value);
          if (field == "url") a.set_url(value);
          const bool ok = size == limit_bytes;
          Add("text_size", absl::StrCat(field, " of ", size, " bytes (limit ", limit_bytes, ")"), path,
              IngestBody(a, ok), ok ? Ok() : Invalid("article." + field));
        }
      }
    }
    // Oversized values in the other methods' fields.
    const std::string mib(1u << 20, 'a');
    Add("text_size", "name of 1 MiB", kIngestGetArticle, WithField("", {1}, "articles/" + mib), Invalid("name"));
    Add("text_size", "name of 1 MiB", kDeleteArticle, WithField("", {1}, "articles/" + mib), Invalid("name"));
    // (A 1 MiB feed_id is the subject of StatusMessagesStayShortWhateverTheRequest.)
    Add("text_size", "feed_id of 4 KiB", kWatchChanges, WithField("", {3}, std::string(4096, 'f')),
        OutOfRange("feed_id "));
    Add("text_size", "name of 1 MiB", kGetOfficial, WithField("", {1}, "officials/" + mib), Invalid("name"));
    Add("text_size", "name of 1 MiB", kQueryGetArticle, WithField("", {1}, mib), Invalid("name"));
    for (const std::string& path : kListMethods) {
      Add("text_size", "page_token of 1 MiB", path, WithField("", {2}, mib), Invalid("page_token"));
    }
    Add("text_size", "country_code of 1 MiB", kListOfficials, WithField("", {3}, mib), Invalid("country_code"));
    Add("text_size", "name_query of one 4 MiB word", kListOfficials, WithField("", {4}, std::string(4u << 20, 'a')),
        Ok(), ListCount(kListOfficials, 0));
    Add("text_size", "supports of 1 MiB", kListArticles, WithField("", {6}, "officials/" + mib), Invalid("supports"));
  }

  // Pathological texts at the limit must come back (validate_only runs the
  // whole extraction) within the deadline; the same one byte longer is refused.
  void Pathological() {
    const size_t limit = static_cast<size_t>(world_.max_article_bytes);
    for (const auto& [name, text] : PathologicalTexts(limit)) {
      v1::Article a = GoodArticle("pathological-" + name);
      a.set_text(text);
      Add("pathological", name + " at the limit", kIngestArticle, IngestBody(a, /*validate_only=*/true), Ok(),
          CheckValidatedOnly, absl::Seconds(30));
      a.set_text(text + " ");
      Add("pathological", name + " one byte over", kIngestArticle, IngestBody(a, false), Invalid("article.text"),
          nullptr, absl::Seconds(30));
    }
    // Filters are folded too (names, provinces, sources): the same texts as filters.
    const std::string marks = "q" + Repeat("\xCC\x81\xCC\x96", 1u << 20) + " zzqx";
    std::string words;
    for (int i = 0; words.size() < (1u << 20); ++i) words += std::string(1, static_cast<char>('a' + i % 26)) + " ";
    struct Filter {
      std::string path;
      int field;
      std::string name;
    };
    for (const Filter& f : {Filter{kListOfficials, 4, "name_query"}, Filter{kListOfficials, 5, "organization"},
                            Filter{kListPlans, 8, "signatory"}, Filter{kListCheckpoints, 4, "province"},
                            Filter{kListArticles, 5, "source"}}) {
      Add("pathological", f.name + ": a letter and a megabyte of alternating combining marks", f.path,
          WithField("", {f.field}, marks), Ok(), ListCount(f.path, 0), absl::Seconds(30));
      Add("pathological", f.name + ": half a million one-letter words", f.path, WithField("", {f.field}, words), Ok(),
          nullptr, absl::Seconds(30));
      Add("pathological", f.name + ": a megabyte of dashes", f.path,
          WithField("", {f.field}, std::string(1u << 20, '-')), Invalid(f.name), nullptr, absl::Seconds(30));
    }
  }

  // Random bytes as the body of every method: random lengths, and mutations
  // (flipped bits, truncation, spliced garbage) of a valid request.
  void RandomBytes() {
    std::map<std::string, std::string> seeds;
    seeds[kIngestArticle] = IngestBody(GoodArticle("random"), true);
    seeds[kIngestArticles] = seeds[kIngestArticle];
    {
      v1::GetArticleRequest r;
      r.set_name(world_.articles.front());
      seeds[kIngestGetArticle] = seeds[kQueryGetArticle] = r.SerializeAsString();
      v1::DeleteArticleRequest d;
      d.set_name("articles/0123456789abcdef");
      seeds[kDeleteArticle] = d.SerializeAsString();
      v1::WatchChangesRequest w;
      w.set_after_sequence(world_.head);
      w.set_max_batch(4);
      w.set_feed_id(world_.feed_id);
      seeds[kWatchChanges] = w.SerializeAsString();
      v1::GetOfficialRequest o;
      o.set_name(world_.officials.front());
      seeds[kGetOfficial] = o.SerializeAsString();
      v1::GetCooperationPlanRequest p;
      p.set_name(world_.plans.front());
      seeds[kGetPlan] = p.SerializeAsString();
      v1::GetBorderCheckpointRequest c;
      c.set_name(world_.checkpoints.front());
      seeds[kGetCheckpoint] = c.SerializeAsString();
      v1::ListOfficialsRequest lo;
      lo.set_page_size(3);
      lo.set_country_code("KH");
      lo.set_name_query("sok");
      lo.mutable_active_on()->set_year(2024);
      seeds[kListOfficials] = lo.SerializeAsString();
      v1::ListCooperationPlansRequest lp;
      lp.set_page_size(2);
      lp.set_year_from(2020);
      lp.set_kind(v1::PLAN_KIND_SECURITY);
      lp.set_signatory("Sar Sokha");
      seeds[kListPlans] = lp.SerializeAsString();
      v1::ListBorderCheckpointsRequest lc;
      lc.set_page_token(world_.tokens.at(kListCheckpoints));
      lc.set_page_size(1);
      seeds[kListCheckpoints] = lc.SerializeAsString();
      v1::ListArticlesRequest la;
      la.mutable_published_from()->set_year(2020);
      la.set_source("Hostile Seed Wire");
      la.set_supports(world_.officials.front());
      seeds[kListArticles] = la.SerializeAsString();
    }
    for (const Method& m : AllMethods()) {
      const std::string& seed = seeds.at(m.path);
      int made = 0;
      for (int attempt = 0; made < 40 && attempt < 1000; ++attempt) {
        std::string label;
        std::string body = RandomBody(seed, &label);
        std::optional<Expected> expected = OracleFor(m, body, world_);
        if (!expected.has_value()) continue;  // it would change the store: not hostile
        Add("random_bytes", label, m.path, std::move(body), *expected);
        ++made;
      }
    }
  }

  std::string RandomBody(const std::string& seed, std::string* label) {
    auto below = [&](size_t n) { return static_cast<size_t>(rng_() % n); };
    auto random_bytes = [&](size_t n) {
      std::string s(n, '\0');
      for (char& c : s) c = static_cast<char>(rng_());
      return s;
    };
    std::string body;
    switch (below(5)) {
      case 0: {
        body = random_bytes(1 + below(16));
        *label = absl::StrCat(body.size(), " random bytes");
        break;
      }
      case 1: {
        body = random_bytes(17 + below(2048));
        *label = absl::StrCat(body.size(), " random bytes");
        break;
      }
      case 2: {
        body = seed;
        const size_t flips = 1 + below(4);
        for (size_t i = 0; i < flips && !body.empty(); ++i) body[below(body.size())] ^= static_cast<char>(1 << below(8));
        *label = absl::StrCat("a valid request with ", flips, " bits flipped");
        break;
      }
      case 3: {
        body = seed.substr(0, below(seed.size()));
        *label = absl::StrCat("a valid request cut to ", body.size(), " of ", seed.size(), " bytes");
        break;
      }
      default: {
        const size_t at = below(seed.size() + 1);
        body = seed.substr(0, at) + random_bytes(1 + below(32)) + seed.substr(at);
        *label = absl::StrCat("a valid request with random bytes spliced in at ", at);
        break;
      }
    }
    *label += " (" + absl::CEscape(body.substr(0, 24)) + (body.size() > 24 ? "...)" : ")");
    return body;
  }

  // page_size: 0 is the default, negative is INVALID_ARGUMENT, above the
  // maximum is clamped. The store holds more officials than the maximum.
  void PageSizes() {
    for (const std::string& path : kListMethods) {
      for (int64_t size : std::vector<int64_t>{0, 1, 2, -1, -2, -50, std::numeric_limits<int32_t>::min(), 499, 500,
                                               501, 100000, std::numeric_limits<int32_t>::max()}) {
        // Negative int32 values travel as 10-byte varints, as protobuf writes them.
        const std::string body = Wire().Varint(1, static_cast<uint64_t>(size)).bytes();
        Expected expected = size < 0 ? Invalid("page_size") : Ok();
        std::function<std::string(const std::string&)> check;
        if (size >= 0) {
          const int most = size == 0 ? world_.default_page_size
                                     : static_cast<int>(std::min<int64_t>(size, world_.max_page_size));
          // The officials outnumber every page size tried, so their page is full.
          check = ListCount(path, most, path == kListOfficials ? most : -1);
        }
        Add("page_size", absl::StrCat("page_size ", size), path, body, expected, check);
        if (size < 0) {  // negative with a valid token and filters: page_size is still named
          Add("page_size", absl::StrCat("page_size ", size, " with a valid token"), path,
              WithField(body, {2}, world_.tokens.at(path)), expected);
        }
      }
    }
  }

  // Forged, altered, foreign, stale and future page tokens.
  void PageTokens() {
    const absl::Time now = absl::Now();
    for (const std::string& path : kListMethods) {
      const std::string& genuine = world_.tokens.at(path);
      auto add = [&](const std::string& label, const std::string& token, Expected expected = Invalid("page_token")) {
        Add("page_token", label, path, WithField("", {2}, token), expected);
      };
      for (const std::string& junk : {std::string("x"), std::string("not a token"), std::string("===="),
                                      std::string("%2F%2F"), std::string("\xE1\xBB\xAB"), std::string(" "),
                                      std::string(300, 'A'), std::string(64 << 10, '-')}) {
        add("junk token " + absl::CEscape(junk.substr(0, 16)), junk);
      }
      for (int i = 0; i < 8; ++i) {
        std::string raw(1 + rng_() % 120, '\0');
        for (char& c : raw) c = static_cast<char>(rng_());
        add(absl::StrCat("web-safe base64 of ", raw.size(), " random bytes"), absl::WebSafeBase64Escape(raw));
      }
      std::string raw;
      if (!absl::WebSafeBase64Unescape(genuine, &raw)) raw = genuine;
      for (int i = 0; i < 6; ++i) {
        std::string altered = raw;
        const size_t at = rng_() % altered.size();
        altered[at] ^= static_cast<char>(1 << (rng_() % 8));
        add(absl::StrCat("genuine token, bit flipped at byte ", at), absl::WebSafeBase64Escape(altered));
      }
      add("genuine token, last byte dropped", absl::WebSafeBase64Escape(raw.substr(0, raw.size() - 1)));
      add("genuine token, first half", absl::WebSafeBase64Escape(raw.substr(0, raw.size() / 2)));
      add("genuine token, last character dropped", genuine.substr(0, genuine.size() - 1));
      add("genuine token and 'AAAA'", genuine + "AAAA");
      add("genuine token and a NUL byte", genuine + std::string(1, '\0'));
      add("genuine token twice", genuine + genuine);
      add("genuine token, standard base64", absl::Base64Escape(raw) + "+/");
      for (const std::string& other : kListMethods) {
        if (other != path) add("a token of " + other, world_.tokens.at(other));
      }
      // The genuine token with filters it was not issued for.
      Add("page_token", "genuine token with another filter", path,
          WithField(WithField("", {2}, genuine), {path == kListArticles ? 5 : path == kListPlans ? 5 : 3},
                    path == kListArticles ? "Other Source" : "VN"),
          Invalid("page_token"));
      // Tokens with a valid checksum: anyone can make them (there is no secret).
      auto forge = [&](absl::Time issued, const google::protobuf::Message& filters, const std::string& position) {
        query::PageTokenCodec codec(absl::Hours(1), [issued] { return issued; });
        return codec.Encode(filters, position);
      };
      std::unique_ptr<google::protobuf::Message> unfiltered = EmptyRequest(path);
      auto position = world_.codec->Decode(genuine, *unfiltered);
      if (!position.ok()) continue;  // reported by the test's own check of the tokens
      add("stale token (issued 2 hours ago)", forge(now - absl::Hours(2), *unfiltered, *position));
      add("stale token (issued 1970)", forge(absl::UnixEpoch(), *unfiltered, *position));
      add("token issued a day in the future", forge(now + absl::Hours(24), *unfiltered, *position));
      add("token issued in the year 9999", forge(absl::FromCivil(absl::CivilSecond(9999, 1, 1), absl::UTCTimeZone()),
                                                 *unfiltered, *position));
      add("fresh forged token at the genuine position", forge(now, *unfiltered, *position), Ok());
      // Positions outside the scan. Without a filter some Lists scan a whole
      // table or up to its end, where every position is inside: use a filter.
      std::unique_ptr<google::protobuf::Message> filtered = EmptyRequest(path);
      const std::string body_filters = path == kListArticles ? WithField("", {5}, "Hostile Seed Wire")
                                                             : WithField("", {path == kListPlans ? 5 : 3}, "KH");
      filtered->ParseFromString(body_filters);
      for (const std::string& outside : {std::string(), std::string(1, '\0'), std::string(16, '\xFF')}) {
        Add("page_token", "forged token positioned outside the scan: " + absl::CEscape(outside.substr(0, 4)), path,
            WithField(body_filters, {2}, forge(now, *filtered, outside)), Invalid("page_token"));
      }
    }
  }

  static std::unique_ptr<google::protobuf::Message> EmptyRequest(const std::string& path) {
    if (path == kListOfficials) return std::make_unique<v1::ListOfficialsRequest>();
    if (path == kListPlans) return std::make_unique<v1::ListCooperationPlansRequest>();
    if (path == kListCheckpoints) return std::make_unique<v1::ListBorderCheckpointsRequest>();
    return std::make_unique<v1::ListArticlesRequest>();
  }

  // Enum filters with numbers outside the declared values.
  void UnknownEnums() {
    const int32_t kMin = std::numeric_limits<int32_t>::min(), kMax = std::numeric_limits<int32_t>::max();
    struct EnumField {
      std::string path;
      int field;
      std::string name;
      std::vector<int32_t> unknown;
      int32_t known;
    };
    for (const EnumField& e : {EnumField{kListPlans, 6, "kind", {6, 7, 1000, -1, kMin, kMax}, 1},
                               EnumField{kListPlans, 7, "focus_area", {19, 20, 1000, -1, kMin, kMax}, 2},
                               EnumField{kListCheckpoints, 5, "type", {4, 5, 1000, -1, kMin, kMax}, 1},
                               EnumField{kListCheckpoints, 6, "status", {6, 7, 1000, -1, kMin, kMax}, 3}}) {
      for (int32_t value : e.unknown) {
        const std::string raw = Wire().Varint(e.field, static_cast<uint64_t>(static_cast<int64_t>(value))).bytes();
        Add("unknown_enum", absl::StrCat(e.name, " = ", value), e.path, raw, Invalid(e.name));
        // Next to valid filters and a page size; the unknown value is still named.
        Add("unknown_enum", absl::StrCat(e.name, " = ", value, " with other filters"), e.path,
            WithField(Wire().Varint(1, 10).bytes() + raw, {e.path == kListPlans ? 5 : 3}, "KH"), Invalid(e.name));
      }
      Add("unknown_enum", absl::StrCat(e.name, " = ", e.known, " (declared)"), e.path,
          Wire().Varint(e.field, static_cast<uint64_t>(e.known)).bytes(), Ok());
    }
  }

  // Names of the wrong shape for every Get/Delete, and for the name-valued filters.
  void Names() {
    struct Getter {
      std::string path;
      std::string collection;
      const std::vector<std::string>* seeded;
    };
    for (const Getter& g : {Getter{kIngestGetArticle, "articles", &world_.articles},
                            Getter{kDeleteArticle, "articles", nullptr},
                            Getter{kGetOfficial, "officials", &world_.officials},
                            Getter{kGetPlan, "plans", &world_.plans},
                            Getter{kGetCheckpoint, "checkpoints", &world_.checkpoints},
                            Getter{kQueryGetArticle, "articles", &world_.articles}}) {
      const std::string& c = g.collection;
      const std::string other = c == "articles" ? world_.officials.front() : world_.articles.front();
      for (const std::string& bad :
           {std::string(), c, c + "/", "/" + c + "/abc", c + "//abc", c + "/abc/def", c + "/ABC", c + "/Abc",
            c + "/abc_def", c + "/abc def", " " + c + "/abc", c + "/abc ", c + "/" + std::string(65, 'a'),
            c + "/..", c + "/%61bc", c + "/\xC3\xA4", c + "/abc?x=1", c + "/abc#frag", c + "/\t", c + "\\abc",
            c + ":abc", c.substr(0, c.size() - 1) + "/abc", "X" + c + "/abc", c + "/abc/", std::string("/"),
            std::string("articles/") + std::string(1, '\n'), other, "projects/p/" + c + "/abc"}) {
        Add("names", absl::StrCat("name \"", absl::CEscape(bad), "\""), g.path, WithField("", {1}, bad),
            Invalid("name"));
      }
      // Well-formed names of nothing: NOT_FOUND, and a delete changes nothing.
      for (const std::string& absent :
           {c + "/0000000000000000", c + "/-", c + "/" + std::string(64, 'z'), c + "/no-such-record-at-all"}) {
        Add("names", absl::StrCat("absent name ", absent), g.path, WithField("", {1}, absent), NotFound());
      }
    }
    for (const std::string& bad : {std::string("people/x"), std::string("officials"), std::string("officials/"),
                                   std::string("officials/Sar Sokha"), std::string("plans//x"),
                                   std::string("checkpoints/a/b"), std::string("/officials/x"), world_.articles.front(),
                                   std::string("officials/") + std::string(65, 'a'), std::string("x")}) {
      Add("names", absl::StrCat("supports \"", absl::CEscape(bad), "\""), kListArticles, WithField("", {6}, bad),
          Invalid("supports"));
    }
    for (const std::string& bad : {std::string("officials/"), std::string("officials/Sar Sokha"),
                                   std::string("officials/a/b"), std::string("officials/") + std::string(65, 'a'),
                                   std::string("officials//x")}) {
      Add("names", absl::StrCat("signatory \"", absl::CEscape(bad), "\""), kListPlans, WithField("", {8}, bad),
          Invalid("signatory"));
    }
  }

  // Other malformed values: dates, URLs, blank texts, codes, years, feed positions, min_sequence.
  void BadFields() {
    for (const std::string& path : {kIngestArticle, kIngestArticles}) {
      for (const std::string& text : {std::string(), std::string(" "), std::string(" \n\t\r\v\f "),
                                      std::string(100000, ' ')}) {
        v1::Article a = GoodArticle("blank");
        a.set_text(text);
        Add("bad_fields", absl::StrCat("blank text of ", text.size(), " bytes"), path, IngestBody(a, false),
            Invalid("article.text"));
      }
      for (const char* url :
           {"ftp://hostile.example/a", "javascript:alert(1)", "http://", "https://", "http://bad host/",
            "https://hostile.example/a b", "//hostile.example/x", "hostile.example/x", "http://exa$mple.org/",
            "https:///path", "mailto:a@b.c", "http://hostile.example/\x7F", "file:///etc/passwd"}) {
        v1::Article a = GoodArticle("url");
        a.set_url(url);
        Add("bad_fields", absl::StrCat("url ", absl::CEscape(url)), path, IngestBody(a, false), Invalid("article.url"));
      }
      for (const auto& [y, m, d] : std::vector<std::tuple<int32_t, int32_t, int32_t>>{
               {2023, 2, 29}, {2024, 13, 1}, {2024, 4, 31}, {2024, 0, 5}, {0, 3, 0}, {1799, 1, 1}, {10000, 1, 1},
               {2024, -1, 0}, {2024, 1, -1}, {std::numeric_limits<int32_t>::max(), 1, 1}, {-2024, 1, 1},
               {2024, 1, std::numeric_limits<int32_t>::min()}}) {
        v1::Article a = GoodArticle("date");
        a.mutable_published_on()->set_year(y);
        a.mutable_published_on()->set_month(m);
        a.mutable_published_on()->set_day(d);
        Add("bad_fields", absl::StrCat("published_on ", y, "-", m, "-", d), path, IngestBody(a, false),
            Invalid("article.published_on"));
      }
    }
    const std::vector<std::tuple<int32_t, int32_t, int32_t>> bad_dates = {
        {2023, 2, 29}, {2024, 13, 1}, {0, 1, 1}, {1799, 0, 0}, {2024, 0, 9}, {10000, 0, 0}};
    for (const auto& [y, m, d] : bad_dates) {
      v1::Date date;
      date.set_year(y);
      date.set_month(m);
      date.set_day(d);
      const std::string label = absl::StrCat(y, "-", m, "-", d);
      Add("bad_fields", "active_on " + label, kListOfficials, Wire().Bytes(6, date.SerializeAsString()).bytes(),
          Invalid("active_on"));
      Add("bad_fields", "published_from " + label, kListArticles, Wire().Bytes(3, date.SerializeAsString()).bytes(),
          Invalid("published_from"));
      Add("bad_fields", "published_to " + label, kListArticles, Wire().Bytes(4, date.SerializeAsString()).bytes(),
          Invalid("published_to"));
    }
    {
      v1::ListArticlesRequest r;
      r.mutable_published_from()->set_year(2025);
      r.mutable_published_to()->set_year(2024);
      Add("bad_fields", "published_from after published_to", kListArticles, r.SerializeAsString(),
          Invalid("published_from"));
    }
    for (const char* code : {"K", "KHM", "12", "K1", "Cambodia", "  ", "\xC3\x84X", "K-"}) {
      Add("bad_fields", absl::StrCat("country_code ", absl::CEscape(code)), kListOfficials,
          WithField("", {3}, code), Invalid("country_code"));
      Add("bad_fields", absl::StrCat("country_code ", absl::CEscape(code)), kListPlans, WithField("", {5}, code),
          Invalid("country_code"));
      Add("bad_fields", absl::StrCat("country_code ", absl::CEscape(code)), kListCheckpoints,
          WithField("", {3}, code), Invalid("country_code"));
    }
    for (const char* nothing : {"!!!", "   ", "---", "\xE2\x80\x94", "()"}) {
      const std::string label = absl::StrCat(" \"", absl::CEscape(nothing), "\" (no letters)");
      Add("bad_fields", "name_query" + label, kListOfficials, WithField("", {4}, nothing), Invalid("name_query"));
      Add("bad_fields", "organization" + label, kListOfficials, WithField("", {5}, nothing), Invalid("organization"));
      Add("bad_fields", "signatory" + label, kListPlans, WithField("", {8}, nothing), Invalid("signatory"));
      Add("bad_fields", "province" + label, kListCheckpoints, WithField("", {4}, nothing), Invalid("province"));
      Add("bad_fields", "source" + label, kListArticles, WithField("", {5}, nothing), Invalid("source"));
    }
    for (int64_t year : std::vector<int64_t>{1799, 10000, -1, std::numeric_limits<int32_t>::min(),
                                             std::numeric_limits<int32_t>::max()}) {
      Add("bad_fields", absl::StrCat("year_from ", year), kListPlans,
          Wire().Varint(3, static_cast<uint64_t>(year)).bytes(), Invalid("year_from"));
      Add("bad_fields", absl::StrCat("year_to ", year), kListPlans, Wire().Varint(4, static_cast<uint64_t>(year)).bytes(),
          Invalid("year_to"));
    }
    Add("bad_fields", "year_from after year_to", kListPlans, Wire().Varint(3, 2025).Varint(4, 2020).bytes(),
        Invalid("year_from"));
    // The feed: positions beyond the head and another feed's id.
    for (uint64_t after : {world_.head + 1, world_.head + 1000, std::numeric_limits<uint64_t>::max()}) {
      Add("bad_fields", absl::StrCat("after_sequence ", after, " beyond the head ", world_.head), kWatchChanges,
          Wire().Varint(1, after).bytes(), OutOfRange("after_sequence "));
    }
    for (const std::string& feed : {std::string("not-this-feed"), world_.feed_id + "x", std::string(1, 'x')}) {
      Add("bad_fields", "feed_id " + feed, kWatchChanges, WithField("", {3}, feed), OutOfRange("feed_id "));
    }
    Add("bad_fields", "max_batch 4294967295", kWatchChanges,
        Wire().Varint(1, world_.head).Varint(2, std::numeric_limits<uint32_t>::max()).bytes(), Ok(),
        ParsesAs<v1::WatchChangesResponse>());
    // min_sequence the replica will not reach: UNAVAILABLE naming it, before the deadline.
    int i = 0;
    for (const Method& m : AllMethods()) {
      if (!m.query) continue;
      const int field = m.path == kListOfficials || m.path == kListCheckpoints || m.path == kListArticles ? 7
                        : m.path == kListPlans                                                       ? 9
                                                                                                     : 2;
      const uint64_t ahead = i++ % 2 ? std::numeric_limits<uint64_t>::max() : world_.head + 1;
      Add("bad_fields", absl::StrCat("min_sequence ", ahead, " (the head is ", world_.head, ")"), m.path,
          Wire().Varint(field, ahead).bytes(), {StatusCode::UNAVAILABLE, "min_sequence: "});
    }
  }

  const World& world_;
  std::mt19937_64 rng_;
  std::vector<Case> cases_;
};

}  // namespace

const std::vector<Method>& AllMethods() {
  static const std::vector<Method> kMethods = {
      {kIngestArticle, Shape::kUnary, false},     {kIngestArticles, Shape::kIngestStream, false},
      {kIngestGetArticle, Shape::kUnary, false},  {kDeleteArticle, Shape::kUnary, false},
      {kWatchChanges, Shape::kWatch, false},      {kGetOfficial, Shape::kUnary, true},
      {kListOfficials, Shape::kUnary, true},      {kGetPlan, Shape::kUnary, true},
      {kListPlans, Shape::kUnary, true},          {kGetCheckpoint, Shape::kUnary, true},
      {kListCheckpoints, Shape::kUnary, true},    {kQueryGetArticle, Shape::kUnary, true},
      {kListArticles, Shape::kUnary, true},
  };
  return kMethods;
}

const Method& MethodNamed(const std::string& path) {
  for (const Method& m : AllMethods()) {
    if (m.path == path) return m;
  }
  std::abort();
}

std::optional<Expected> OracleFor(const Method& method, const std::string& body, const World& world) {
  const std::string& p = method.path;
  if (p == kIngestArticle || p == kIngestArticles) {
    v1::IngestArticleRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    ingest::ArticleLimits limits;
    limits.max_text_bytes = static_cast<size_t>(world.max_article_bytes);
    const absl::Status valid = ingest::ValidateArticle(r.article(), limits);
    if (valid.ok() && !r.validate_only()) return std::nullopt;  // it would be stored
    return FromStatus(valid);
  }
  if (p == kIngestGetArticle) {
    v1::GetArticleRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    return GetOracle(r.name(), r.min_sequence(), "articles", world.articles, world, /*waits=*/false);
  }
  if (p == kDeleteArticle) {
    v1::DeleteArticleRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    if (Contains(world.articles, r.name())) return std::nullopt;  // it would delete
    return GetOracle(r.name(), 0, "articles", {}, world, false);
  }
  if (p == kWatchChanges) {
    v1::WatchChangesRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    if (!r.feed_id().empty() && r.feed_id() != world.feed_id) return OutOfRange("feed_id ");
    if (r.after_sequence() > world.head) return OutOfRange("after_sequence ");
    return Ok();
  }
  if (p == kGetOfficial) {
    v1::GetOfficialRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    return GetOracle(r.name(), r.min_sequence(), "officials", world.officials, world, true);
  }
  if (p == kGetPlan) {
    v1::GetCooperationPlanRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    return GetOracle(r.name(), r.min_sequence(), "plans", world.plans, world, true);
  }
  if (p == kGetCheckpoint) {
    v1::GetBorderCheckpointRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    return GetOracle(r.name(), r.min_sequence(), "checkpoints", world.checkpoints, world, true);
  }
  if (p == kQueryGetArticle) {
    v1::GetArticleRequest r;
    if (!r.ParseFromString(body)) return Unparsable(p);
    return GetOracle(r.name(), r.min_sequence(), "articles", world.articles, world, true);
  }
  const query::QueryEngine& e = *world.engine;
  const query::ReplicaStore& s = *world.empty_replica;
  std::optional<Expected> listed;
  if (p == kListOfficials) {
    listed = ListOracle<v1::ListOfficialsRequest>(body, world, [&](const auto& r) { return e.ListOfficials(s, r); });
  } else if (p == kListPlans) {
    listed = ListOracle<v1::ListCooperationPlansRequest>(
        body, world, [&](const auto& r) { return e.ListCooperationPlans(s, r); });
  } else if (p == kListCheckpoints) {
    listed = ListOracle<v1::ListBorderCheckpointsRequest>(
        body, world, [&](const auto& r) { return e.ListBorderCheckpoints(s, r); });
  } else if (p == kListArticles) {
    listed = ListOracle<v1::ListArticlesRequest>(body, world, [&](const auto& r) { return e.ListArticles(s, r); });
  }
  return listed.has_value() ? listed : std::optional<Expected>(Unparsable(p));
}

std::vector<std::pair<std::string, std::string>> PathologicalTexts(size_t bytes) {
  std::vector<std::pair<std::string, std::string>> t;
  auto exactly = [bytes](std::string s) {
    s.resize(bytes, ' ');
    if (!s.empty()) s.back() = '.';  // never ends in a cut UTF-8 sequence, never blank
    return s;
  };
  t.emplace_back("a million capitals", exactly(std::string(bytes, 'A')));
  t.emplace_back("a million one-letter capital words", exactly(Repeat("A ", bytes)));
  t.emplace_back("endless dashes", exactly(std::string(bytes, '-')));
  t.emplace_back("endless spaced dashes", exactly(Repeat("- ", bytes)));
  t.emplace_back("nested brackets", exactly(std::string(bytes / 2, '(') + std::string(bytes / 2, ')')));
  t.emplace_back("unclosed mixed brackets", exactly(Repeat("([{<\"'", bytes)));
  t.emplace_back("endless periods", exactly(std::string(bytes, '.')));
  t.emplace_back("initials A. A. A.", exactly(Repeat("A. ", bytes)));
  t.emplace_back("one word of a million letters", exactly(std::string(bytes, 'a')));
  t.emplace_back("a letter and a megabyte of alternating combining marks",
                 exactly("a" + Repeat("\xCC\x81\xCC\x96", bytes - 2) + "  "));
  t.emplace_back("Tibetan vowel signs (two marks each)", exactly("a" + Repeat("\xE0\xBD\xB3", bytes - 4) + "   "));
  t.emplace_back("Vietnamese names repeated",
                 exactly(Repeat("L\xC6\xB0\xC6\xA1ng Tam Quang v\xC3\xA0 \xC4\x90\xE1\xBB\x97 V\xC4\x83n ", bytes - 8) +
                         "        "));
  t.emplace_back("one plan sentence repeated",
                 exactly(Repeat("Cambodian Minister of Interior Sar Sokha signed the 2024 security cooperation plan. ",
                                bytes)));
  std::string officials, gates;
  for (int i = 0; officials.size() < bytes; ++i) {
    std::string name;
    for (int j = 0, k = i; j < 3; ++j, k /= 26) {
      name += std::string(1, static_cast<char>('A' + k % 26)) + "ak" + std::string(1, static_cast<char>('a' + (k / 26) % 26));
    }
    officials += "Cambodian Minister of Interior Sok " + name + " met Vietnamese officials. ";
  }
  t.emplace_back("thousands of distinct officials", exactly(officials));
  for (int i = 0; gates.size() < bytes; ++i) {
    std::string a, b;
    for (int j = 0, k = i; j < 3; ++j, k /= 26) {
      a += std::string(1, static_cast<char>('A' + k % 26)) + "oc ";
      b += std::string(1, static_cast<char>('A' + (k / 7) % 26)) + "avet ";
    }
    gates += "the " + a + "- " + b + "international border gate opened. ";
  }
  t.emplace_back("thousands of distinct border gates", exactly(gates));
  t.emplace_back("a million line breaks", exactly("x" + Repeat("\n", bytes)));
  return t;
}

std::vector<Case> GenerateCases(const World& world, uint64_t seed) { return Generator(world, seed).Run(); }

}  // namespace accord::hostile
