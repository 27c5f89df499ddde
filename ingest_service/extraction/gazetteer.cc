#include "ingest_service/extraction/gazetteer.h"

#include <initializer_list>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace accord::extraction {
namespace {

using StringMap = std::unordered_map<std::string_view, std::string_view>;

void AddClass(std::unordered_map<std::string_view, uint32_t>* m, uint32_t cls,
              std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) (*m)[w] |= cls;
}

const std::unordered_map<std::string_view, uint32_t>& ClassTable() {
  static const auto* const table = [] {
    auto* m = new std::unordered_map<std::string_view, uint32_t>();
    AddClass(m, kTitleHead,
             {"minister", "ministers", "president", "presidents", "premier", "chairman", "chairwoman", "chair",
              "chairperson", "chairmen", "secretary", "secretaries", "governor", "governors", "ambassador",
              "ambassadors", "commander", "commanders", "chief", "chiefs", "head", "heads", "director",
              "directors", "spokesman", "spokeswoman", "spokesperson", "commissioner", "commissioners", "king",
              "queen", "envoy", "consul", "attache", "inspector", "senator", "speaker", "mayor", "commandant",
              "administrator", "undersecretary", "procurator", "deputies", "vice-president", "member", "members"});
    AddClass(m, kTitleModifier,
             {"deputy", "vice", "prime", "senior", "acting", "permanent", "first", "former", "standing",
              "general", "executive", "assistant", "under", "co", "political", "party", "state", "defence",
              "defense", "foreign", "interior", "security", "provincial", "municipal", "district", "army"});
    AddClass(m, kOrgWord,
             {"ministry", "ministries", "interior", "defence", "defense", "national", "public", "security",
              "foreign", "affairs", "justice", "finance", "economy", "economic", "commerce", "trade", "industry",
              "agriculture", "forestry", "fisheries", "planning", "investment", "labour", "labor", "vocational",
              "social", "welfare", "health", "education", "youth", "sport", "sports", "information",
              "communications", "communication", "transport", "transportation", "construction", "land",
              "management", "urban", "rural", "development", "environment", "natural", "resources", "tourism",
              "culture", "fine", "arts", "science", "technology", "energy", "mines", "mining", "water", "home",
              "immigration", "customs", "police", "army", "armed", "forces", "force", "navy", "naval", "air",
              "border", "borders", "guard", "guards", "command", "general", "staff", "department",
              "directorate", "administration", "commissariat", "people", "peoples", "royal", "gendarmerie",
              "military", "region", "regional", "zone", "party", "central", "committee", "commission",
              "government", "council", "assembly", "senate", "state", "office", "politburo", "secretariat",
              "standing", "executive", "political", "politics", "logistics", "intelligence", "narcotics", "drug",
              "drugs", "crime", "crimes", "counter", "terrorism", "authority", "agency", "bureau", "unit",
              "division", "brigade", "regiment", "battalion", "corps", "inspection", "relations", "external",
              "cooperation", "international", "provincial", "municipal", "joint", "operations", "coast",
              "maritime", "marine", "special", "task", "affair", "religions", "cults", "rehabilitation",
              "veterans", "women", "posts", "telecommunications", "public", "works", "civil", "aviation",
              "service", "services", "emergency", "disaster", "protection", "peacekeeping", "mine", "action",
              "victim", "assistance", "parliament", "parliamentary", "legislative", "audit", "anti",
              "corruption", "unit", "front", "fatherland", "headquarters", "general-staff"});
    AddClass(m, kConnector, {"of", "and", "for", "the", "on", "in", "to", "&"});
    AddClass(m, kHonorific,
             {"dr", "mr", "mrs", "ms", "miss", "madam", "madame", "prof", "sir", "h e", "excellency",
              "samdech", "oknha", "okhna", "lok", "chumteav", "neak", "comrade", "hon", "honourable",
              "honorable", "techo", "pichey", "sena", "akka", "moha", "thipadei", "kralahom", "krolahom",
              "bovor", "his excellency", "her excellency", "dato", "datuk", "tan sri", "pol"});
    AddClass(m, kFunctionWord,
             {"the", "a", "an", "in", "on", "at", "by", "for", "with", "during", "after", "before", "according",
              "last", "this", "that", "these", "those", "both", "each", "his", "her", "their", "our", "its",
              "it", "he", "she", "they", "we", "i", "you", "meanwhile", "however", "also", "and", "but", "or",
              "as", "from", "to", "of", "under", "over", "while", "when", "since", "despite", "following",
              "additionally", "furthermore", "moreover", "recent", "other", "unsurprisingly", "yet", "though",
              "although", "if", "then", "there", "here", "today", "yesterday", "tomorrow", "now", "new", "all",
              "some", "many", "several", "more", "most", "such", "why", "what", "where", "who", "how", "which",
              "speaking", "addressing", "earlier", "later", "next", "previously", "currently", "between",
              "among", "through", "within", "without", "upon", "via", "per", "about", "against", "toward",
              "towards", "like", "unlike", "beyond", "regarding", "including", "so", "not", "no", "nor",
              "every", "any", "only", "even", "just", "again", "once", "one", "two", "three", "four", "five",
              "ten", "top", "is", "was", "are", "were", "be", "been", "will", "would", "can", "could", "should",
              "may", "might", "must", "do", "does", "did", "has", "have", "had", "my", "your", "us", "them",
              "him", "me", "whose", "whom", "whether", "because", "thus", "therefore", "hence", "indeed",
              "still", "already", "finally", "overall", "together", "instead", "amid", "amidst", "across",
              "around", "along", "behind", "beside", "besides", "near", "off", "out", "up", "down", "into",
              "onto", "than", "ahead", "above", "below", "inside", "outside", "until", "unless", "whereas",
              "whilst", "notably", "particularly", "especially", "specifically", "separately", "similarly",
              "likewise", "accordingly", "consequently", "nonetheless", "nevertheless", "otherwise", "please",
              "see", "read", "photo", "video", "credit", "source", "update", "updated", "posted", "published",
              "related", "popular", "latest", "breaking", "exclusive", "opinion", "analysis", "editorial",
              "home", "news", "world", "asia", "business", "sports", "what's", "whats", "ahead", "welcome",
              "thank", "thanks", "dear", "ladies", "gentlemen", "good", "great", "big", "key", "major", "minor",
              "high", "low", "senior", "junior", "local", "foreign", "national", "regional", "global",
              "annual", "joint", "bilateral", "trilateral", "multilateral", "official", "officials",
              "ministerial", "cooperation", "security", "defence", "defense", "border", "economic", "trade"});
    AddClass(m, kPlaceNoun,
             {"city", "province", "provinces", "district", "commune", "town", "village", "island", "islands",
              "river", "street", "road", "highway", "expressway", "bridge", "hall", "palace", "institute",
              "institution", "university", "college", "school", "academy", "center", "centre", "museum",
              "hospital", "airport", "port", "station", "stadium", "park", "hotel", "pagoda", "temple",
              "newspaper", "magazine", "company", "corporation", "group", "bank", "fund", "foundation", "forum",
              "conference", "summit", "meeting", "dialogue", "association", "union", "federation", "gate",
              "gates", "checkpoint", "checkpoints", "crossing", "market", "airline", "airlines", "railway",
              "rail", "canal", "lake", "mountain", "mount", "bay", "sea", "ocean", "beach", "square", "tower",
              "building", "plaza", "complex", "year", "week", "day", "month", "times", "post", "news", "daily",
              "tv", "television", "radio", "online", "express", "review", "journal", "herald", "tribune",
              "gazette", "monitor", "observer", "beat", "features", "mekong", "plan", "protocol", "agreement",
              "memorandum", "strategy", "program", "programme", "project", "initiative", "convention",
              "treaty", "declaration", "statement", "resolution", "decree", "law", "code", "award", "prize",
              "medal", "order", "cup", "games", "festival", "exhibition", "fair", "expo", "week", "pdr",
              "republic", "kingdom", "empire", "federation", "state", "states", "nations", "asean", "network",
              "media", "press", "agency", "ministry", "embassy", "consulate", "headquarters", "base", "camp",
              "zone", "area", "region", "basin", "delta", "highlands", "plateau", "peninsula", "coast"});
    AddClass(m, kNonOfficialRole,
             {"analyst", "analysts", "researcher", "researchers", "research", "scholar", "scholars", "fellow",
              "fellows", "expert", "experts", "professor", "lecturer", "academic", "academics", "journalist",
              "journalists", "reporter", "correspondent", "editor", "columnist", "commentator", "observer",
              "consultant", "economist", "historian", "author", "writer", "student", "supervisor", "scientist",
              "specialist", "adviser", "advisor", "activist", "blogger", "lawyer", "attorney", "pundit",
              "strategist", "associate", "visiting", "founder", "ceo", "entrepreneur", "businessman",
              "businesswoman", "monk", "villager", "resident", "farmer", "trader", "tourist", "institute",
              "university", "academy", "college", "think", "tank", "thinktank", "lecturers",
              "postdoctoral", "doctoral", "phd", "programme", "program", "coordinator", "manager", "owner"});
    AddClass(m, kMonth,
             {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
              "nov", "dec"});
    AddClass(m, kWeekday,
             {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
              "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"});
    AddClass(m, kClauseWord,
             {"said", "says", "say", "told", "tells", "noted", "notes", "added", "adds", "stated", "stressed",
              "emphasised", "emphasized", "affirmed", "highlighted", "underlined", "pointed", "praised",
              "welcomed", "urged", "called", "expressed", "announced", "confirmed", "explained", "warned", "who",
              "whom", "whose", "which", "that", "when", "while", "where", "as", "after", "before", "during",
              "has", "have", "had", "is", "was", "were", "are", "will", "would", "also", "led", "met", "visited",
              "paid", "received", "held", "signed", "chaired", "attended", "witnessed", "hosted", "spoke",
              "agreed", "discussed", "thanked", "congratulated", "appreciated", "suggested", "proposed",
              "reiterated", "according", "at", "with", "from", "since", "took", "takes", "made", "makes",
              "gave", "gives", "went", "came", "oversaw", "presided", "inspected", "reviewed", "asked",
              "requested", "hailed", "lauded", "shared", "briefed", "reported", "informed", "insisted",
              "acknowledged", "recalled", "observed", "described", "wrote", "posted", "can", "could", "should",
              "may", "might", "must", "did", "does", "do", "being", "been", "be"});
    AddClass(m, kCounterpart, {"counterpart", "counterparts"});
    AddClass(m, kRankWord,
             {"general", "gen", "colonel", "col", "lieutenant", "lt", "major", "maj", "brigadier", "brig",
              "admiral", "adm", "captain", "capt", "marshal", "commodore", "sergeant", "sgt", "corporal",
              "private", "police", "senior", "sr", "rear", "field", "generals", "colonels"});
    return m;
  }();
  return *table;
}

const StringMap& Countries() {
  static const auto* const m = new StringMap{
      {"vietnam", "VN"}, {"viet nam", "VN"}, {"socialist republic of vietnam", "VN"},
      {"cambodia", "KH"}, {"kampuchea", "KH"}, {"kingdom of cambodia", "KH"}, {"laos", "LA"},
      {"lao pdr", "LA"}, {"thailand", "TH"}, {"kingdom of thailand", "TH"}, {"china", "CN"},
      {"myanmar", "MM"}, {"burma", "MM"}, {"malaysia", "MY"}, {"singapore", "SG"}, {"indonesia", "ID"},
      {"philippines", "PH"}, {"the philippines", "PH"}, {"brunei", "BN"}, {"timor leste", "TL"},
      {"japan", "JP"}, {"south korea", "KR"}, {"republic of korea", "KR"}, {"north korea", "KP"},
      {"india", "IN"}, {"australia", "AU"}, {"new zealand", "NZ"}, {"russia", "RU"},
      {"united states", "US"}, {"us", "US"}, {"u s", "US"}, {"usa", "US"}, {"america", "US"},
      {"france", "FR"}, {"united kingdom", "GB"}, {"uk", "GB"}, {"britain", "GB"}, {"germany", "DE"},
      {"argentina", "AR"}, {"mexico", "MX"}, {"canada", "CA"}, {"cuba", "CU"}};
  return *m;
}

const StringMap& Demonyms() {
  static const auto* const m = new StringMap{
      {"vietnamese", "VN"}, {"cambodian", "KH"}, {"cambodians", "KH"}, {"khmer", "KH"}, {"lao", "LA"},
      {"laotian", "LA"}, {"thai", "TH"}, {"chinese", "CN"}, {"burmese", "MM"}, {"malaysian", "MY"},
      {"singaporean", "SG"}, {"indonesian", "ID"}, {"filipino", "PH"}, {"philippine", "PH"},
      {"japanese", "JP"}, {"korean", "KR"}, {"south korean", "KR"}, {"indian", "IN"},
      {"australian", "AU"}, {"russian", "RU"}, {"american", "US"}, {"french", "FR"}, {"british", "GB"},
      {"german", "DE"}, {"argentine", "AR"}, {"argentinian", "AR"}, {"mexican", "MX"}, {"cuban", "CU"}};
  return *m;
}

const StringMap& Capitals() {
  static const auto* const m = new StringMap{
      {"hanoi", "VN"}, {"ha noi", "VN"}, {"phnom penh", "KH"}, {"vientiane", "LA"}, {"bangkok", "TH"},
      {"beijing", "CN"}, {"naypyidaw", "MM"}, {"nay pyi taw", "MM"}, {"kuala lumpur", "MY"},
      {"jakarta", "ID"}, {"manila", "PH"}, {"tokyo", "JP"}, {"seoul", "KR"}, {"moscow", "RU"},
      {"washington", "US"}};
  return *m;
}

// Organisations that name their country's institutions. Matched as whole
// words inside a folded title phrase; first hit wins, so specific forms come
// before generic ones.
const std::vector<std::pair<std::string_view, std::string_view>>& Organizations() {
  static const auto* const v = new std::vector<std::pair<std::string_view, std::string_view>>{
      {"lao people s army", "LA"}, {"lao people s armed forces", "LA"},
      {"lao people s revolutionary party", "LA"}, {"lprp", "LA"}, {"royal thai", "TH"},
      {"vietnam people s army", "VN"}, {"viet nam people s army", "VN"}, {"people s army of vietnam", "VN"},
      {"people s army of viet nam", "VN"}, {"vpa", "VN"}, {"people s army newspaper", "VN"},
      {"communist party of vietnam", "VN"}, {"communist party of viet nam", "VN"}, {"cpv", "VN"},
      {"people s public security", "VN"}, {"public security", "VN"}, {"vietnam border guard", "VN"},
      {"border guard command", "VN"}, {"border guard", "VN"}, {"border guards", "VN"},
      {"royal cambodian armed forces", "KH"}, {"rcaf", "KH"}, {"royal gendarmerie", "KH"},
      {"gendarmerie", "KH"}, {"cambodian national police", "KH"}, {"national police", "KH"},
      {"general commissariat", "KH"}, {"cambodian people s party", "KH"}, {"cpp", "KH"},
      {"royal government", "KH"}, {"royal cambodian", "KH"}, {"interior", "KH"}};
  return *v;
}

// Provinces and provincial-level cities, with common spelling variants.
const std::unordered_map<std::string_view, Province>& Provinces() {
  static const auto* const m = [] {
    auto* p = new std::unordered_map<std::string_view, Province>();
    auto add = [p](std::string_view country, std::string_view name, std::initializer_list<std::string_view> keys) {
      for (std::string_view k : keys) (*p)[k] = Province{country, name};
    };
    // Vietnam.
    add("VN", "An Giang", {"an giang"});
    add("VN", "Ba Ria-Vung Tau", {"ba ria vung tau"});
    add("VN", "Bac Giang", {"bac giang"});
    add("VN", "Bac Kan", {"bac kan", "bac can"});
    add("VN", "Bac Lieu", {"bac lieu"});
    add("VN", "Bac Ninh", {"bac ninh"});
    add("VN", "Ben Tre", {"ben tre"});
    add("VN", "Binh Dinh", {"binh dinh"});
    add("VN", "Binh Duong", {"binh duong"});
    add("VN", "Binh Phuoc", {"binh phuoc"});
    add("VN", "Binh Thuan", {"binh thuan"});
    add("VN", "Ca Mau", {"ca mau"});
    add("VN", "Can Tho", {"can tho"});
    add("VN", "Cao Bang", {"cao bang"});
    add("VN", "Da Nang", {"da nang"});
    add("VN", "Dak Lak", {"dak lak", "daklak", "dac lac", "dak lac"});
    add("VN", "Dak Nong", {"dak nong", "daknong"});
    add("VN", "Dien Bien", {"dien bien"});
    add("VN", "Dong Nai", {"dong nai"});
    add("VN", "Dong Thap", {"dong thap"});
    add("VN", "Gia Lai", {"gia lai"});
    add("VN", "Ha Giang", {"ha giang"});
    add("VN", "Ha Nam", {"ha nam"});
    add("VN", "Ha Tinh", {"ha tinh"});
    add("VN", "Hai Duong", {"hai duong"});
    add("VN", "Hai Phong", {"hai phong"});
    add("VN", "Hau Giang", {"hau giang"});
    add("VN", "Hoa Binh", {"hoa binh"});
    add("VN", "Hung Yen", {"hung yen"});
    add("VN", "Khanh Hoa", {"khanh hoa"});
    add("VN", "Kien Giang", {"kien giang"});
    add("VN", "Kon Tum", {"kon tum", "kontum"});
    add("VN", "Lai Chau", {"lai chau"});
    add("VN", "Lam Dong", {"lam dong"});
    add("VN", "Lang Son", {"lang son"});
    add("VN", "Lao Cai", {"lao cai"});
    add("VN", "Long An", {"long an"});
    add("VN", "Nam Dinh", {"nam dinh"});
    add("VN", "Nghe An", {"nghe an"});
    add("VN", "Ninh Binh", {"ninh binh"});
    add("VN", "Ninh Thuan", {"ninh thuan"});
    add("VN", "Phu Tho", {"phu tho"});
    add("VN", "Phu Yen", {"phu yen"});
    add("VN", "Quang Binh", {"quang binh"});
    add("VN", "Quang Nam", {"quang nam"});
    add("VN", "Quang Ngai", {"quang ngai"});
    add("VN", "Quang Ninh", {"quang ninh"});
    add("VN", "Quang Tri", {"quang tri"});
    add("VN", "Soc Trang", {"soc trang"});
    add("VN", "Son La", {"son la"});
    add("VN", "Tay Ninh", {"tay ninh"});
    add("VN", "Thai Binh", {"thai binh"});
    add("VN", "Thai Nguyen", {"thai nguyen"});
    add("VN", "Thanh Hoa", {"thanh hoa"});
    add("VN", "Thua Thien Hue", {"thua thien hue", "hue"});
    add("VN", "Tien Giang", {"tien giang"});
    add("VN", "Tra Vinh", {"tra vinh"});
    add("VN", "Tuyen Quang", {"tuyen quang"});
    add("VN", "Vinh Long", {"vinh long"});
    add("VN", "Vinh Phuc", {"vinh phuc"});
    add("VN", "Yen Bai", {"yen bai"});
    add("VN", "Ho Chi Minh City", {"ho chi minh city", "hcm city", "hcmc"});
    // Cambodia.
    add("KH", "Banteay Meanchey", {"banteay meanchey", "banteay mean chey"});
    add("KH", "Battambang", {"battambang", "battam bang"});
    add("KH", "Kampong Cham", {"kampong cham", "kompong cham"});
    add("KH", "Kampong Chhnang", {"kampong chhnang", "kompong chhnang"});
    add("KH", "Kampong Speu", {"kampong speu", "kompong speu"});
    add("KH", "Kampong Thom", {"kampong thom", "kompong thom"});
    add("KH", "Kampot", {"kampot"});
    add("KH", "Kandal", {"kandal"});
    add("KH", "Kep", {"kep"});
    add("KH", "Koh Kong", {"koh kong"});
    add("KH", "Kratie", {"kratie", "kracheh"});
    add("KH", "Mondulkiri", {"mondulkiri", "mondul kiri", "mondolkiri"});
    add("KH", "Oddar Meanchey", {"oddar meanchey", "otdar meanchey", "oddar mean chey"});
    add("KH", "Pailin", {"pailin"});
    add("KH", "Preah Sihanouk", {"preah sihanouk", "sihanoukville"});
    add("KH", "Preah Vihear", {"preah vihear"});
    add("KH", "Prey Veng", {"prey veng"});
    add("KH", "Pursat", {"pursat", "pouthisat"});
    add("KH", "Ratanakiri", {"ratanakiri", "ratanak kiri", "rattanakiri", "ratanakkiri"});
    add("KH", "Siem Reap", {"siem reap", "siemreap"});
    add("KH", "Stung Treng", {"stung treng", "steung treng", "stoeng treng"});
    add("KH", "Svay Rieng", {"svay rieng"});
    add("KH", "Takeo", {"takeo", "takev"});
    add("KH", "Tbong Khmum", {"tbong khmum", "tboung khmum", "tbaung khmum"});
    // Laos.
    add("LA", "Attapeu", {"attapeu", "attapu", "attopeu"});
    add("LA", "Bokeo", {"bokeo"});
    add("LA", "Bolikhamxay", {"bolikhamxay", "bolikhamsai", "borikhamxay"});
    add("LA", "Champasak", {"champasak", "champassak", "champasack"});
    add("LA", "Houaphanh", {"houaphanh", "huaphan", "houaphan"});
    add("LA", "Khammouane", {"khammouane", "khammouan"});
    add("LA", "Luang Namtha", {"luang namtha"});
    add("LA", "Luang Prabang", {"luang prabang"});
    add("LA", "Oudomxay", {"oudomxay", "oudomxai"});
    add("LA", "Phongsaly", {"phongsaly", "phongsali"});
    add("LA", "Salavan", {"salavan", "saravan", "saravane"});
    add("LA", "Savannakhet", {"savannakhet"});
    add("LA", "Sekong", {"sekong", "xekong"});
    add("LA", "Xayaboury", {"xayaboury", "sainyabuli", "xaignabouli"});
    add("LA", "Xaysomboun", {"xaysomboun", "xaisomboun"});
    add("LA", "Xiengkhouang", {"xiengkhouang", "xieng khouang"});
    // Thailand (provinces on the borders with Cambodia and Laos).
    add("TH", "Sa Kaeo", {"sa kaeo", "sa kaew"});
    add("TH", "Chanthaburi", {"chanthaburi"});
    add("TH", "Trat", {"trat"});
    add("TH", "Surin", {"surin"});
    add("TH", "Sisaket", {"sisaket", "si sa ket"});
    add("TH", "Buriram", {"buriram", "buri ram"});
    add("TH", "Ubon Ratchathani", {"ubon ratchathani"});
    add("TH", "Nong Khai", {"nong khai"});
    add("TH", "Mukdahan", {"mukdahan"});
    add("TH", "Nakhon Phanom", {"nakhon phanom"});
    add("TH", "Loei", {"loei"});
    add("TH", "Chiang Rai", {"chiang rai"});
    add("TH", "Bueng Kan", {"bueng kan"});
    return p;
  }();
  return *m;
}

std::string_view Lookup(const StringMap& m, std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? std::string_view() : it->second;
}

}  // namespace

uint32_t WordClasses(std::string_view w) {
  const auto& t = ClassTable();
  auto it = t.find(w);
  return it == t.end() ? 0u : it->second;
}

std::string_view CountryForName(std::string_view f) { return Lookup(Countries(), f); }
std::string_view CountryForDemonym(std::string_view f) { return Lookup(Demonyms(), f); }
std::string_view CountryForCapital(std::string_view f) { return Lookup(Capitals(), f); }

std::string_view CountryForOrganization(std::string_view phrase) {
  for (const auto& [key, code] : Organizations()) {
    size_t pos = 0;
    while ((pos = phrase.find(key, pos)) != std::string_view::npos) {
      const bool left = pos == 0 || phrase[pos - 1] == ' ';
      const size_t end = pos + key.size();
      const bool right = end == phrase.size() || phrase[end] == ' ';
      if (left && right) return code;
      pos = end;
    }
  }
  return {};
}

const Province* FindProvince(std::string_view f) {
  const auto& m = Provinces();
  auto it = m.find(f);
  return it == m.end() ? nullptr : &it->second;
}

const std::vector<Rank>& Ranks() {
  static const auto* const v = [] {
    auto* r = new std::vector<Rank>();
    auto add = [r](std::string_view full, std::initializer_list<std::vector<std::string>> forms) {
      for (const auto& f : forms) r->push_back(Rank{f, full});
    };
    add("Police Senior General", {{"police", "senior", "general"}, {"pol", "senior", "gen"}});
    add("Police Lieutenant General", {{"police", "lieutenant", "general"}, {"police", "lt", "gen"},
                                      {"pol", "lt", "gen"}});
    add("Police Major General", {{"police", "major", "general"}, {"police", "maj", "gen"}, {"pol", "maj", "gen"}});
    add("Police Brigadier General", {{"police", "brigadier", "general"}, {"police", "brig", "gen"}});
    add("Police General", {{"police", "general"}, {"pol", "gen"}, {"police", "gen"}});
    add("Police Colonel", {{"police", "colonel"}, {"police", "col"}, {"pol", "col"}});
    add("Senior Lieutenant General", {{"senior", "lieutenant", "general"}, {"sr", "lt", "gen"},
                                      {"senior", "lt", "gen"}, {"snr", "lt", "gen"}, {"sen", "lt", "gen"}});
    add("Senior General", {{"senior", "general"}, {"sr", "gen"}});
    add("Lieutenant General", {{"lieutenant", "general"}, {"lt", "gen"}, {"lieut", "gen"}, {"ltgen"}});
    add("Major General", {{"major", "general"}, {"maj", "gen"}, {"majgen"}});
    add("Brigadier General", {{"brigadier", "general"}, {"brig", "gen"}});
    add("Senior Colonel", {{"senior", "colonel"}, {"sr", "col"}});
    add("Lieutenant Colonel", {{"lieutenant", "colonel"}, {"lt", "col"}});
    add("Vice Admiral", {{"vice", "admiral"}, {"vice", "adm"}});
    add("Rear Admiral", {{"rear", "admiral"}, {"rear", "adm"}});
    add("Air Chief Marshal", {{"air", "chief", "marshal"}});
    add("Air Marshal", {{"air", "marshal"}});
    add("Field Marshal", {{"field", "marshal"}});
    add("General", {{"general"}, {"gen"}});
    add("Admiral", {{"admiral"}, {"adm"}});
    add("Colonel", {{"colonel"}, {"col"}});
    add("Major", {{"major"}, {"maj"}});
    add("Captain", {{"captain"}, {"capt"}, {"cpt"}});
    add("Lieutenant", {{"lieutenant"}, {"lt"}});
    add("Commodore", {{"commodore"}});
    add("Marshal", {{"marshal"}});
    return r;
  }();
  return *v;
}

bool IsVietnameseSurname(std::string_view f) {
  static const auto* const s = new std::unordered_set<std::string_view>{
      "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
      "duong", "ly", "luong", "dinh", "trinh", "truong", "mai", "to", "ha", "lam", "doan", "cao", "chu",
      "kieu", "ta", "lai", "thai", "vuong", "tong", "quach", "luu", "lu", "giang", "nong", "mac", "khuc",
      "khong", "chau", "tang", "au", "la", "thach", "trieu", "lo", "quan", "lieu", "ton", "tieu", "dao",
      "dam", "diep", "ung", "phung", "thieu", "ninh", "nghiem", "giap", "bach", "hua", "tu", "van", "vi",
      "hau", "kha", "khuat", "lieu", "man", "ong", "yen"};
  return s->count(f) > 0;
}

bool IsKhmerHonorificWord(std::string_view f) {
  static const auto* const s = new std::unordered_set<std::string_view>{
      "samdech", "techo", "pichey", "sena", "akka", "moha", "thipadei", "kralahom", "krolahom", "bovor",
      "oknha", "okhna", "lok", "chumteav", "neak"};
  return s->count(f) > 0;
}

}  // namespace accord::extraction
