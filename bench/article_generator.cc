#include "bench/article_generator.h"

#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace accord::bench {
namespace {

const std::vector<std::string> kVietSurnames = {"Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Vo",
                                                "Dang", "Bui", "Do", "Ngo", "Duong", "Ly", "Luong", "Trinh"};
const std::vector<std::string> kVietMiddle = {"Van", "Thi", "Duc", "Minh", "Quang", "Huu", "Thanh", "Xuan", "Tan"};
const std::vector<std::string> kVietGiven = {"An", "Binh", "Cuong", "Dung", "Hai", "Hung", "Khanh", "Long",
                                             "Nam", "Phuc", "Quan", "Son", "Thang", "Trung", "Tuan", "Vinh"};
const std::vector<std::string> kKhmerFamily = {"Sok", "Chea", "Keo", "Prak", "Sar", "Hun", "Mam", "Kong",
                                               "Ouk", "Meas", "Chhim", "Nhem", "Ros", "Yim", "Heng", "Tep"};
const std::vector<std::string> kKhmerGiven = {"Sokha", "Vannak", "Rithy", "Bunthoeun", "Sophal", "Dara",
                                              "Chanthy", "Pisey", "Rotha", "Samnang", "Visal", "Kosal"};
const std::vector<std::string> kKhTitles = {"Minister of Interior", "Minister of National Defence",
                                            "Deputy Prime Minister", "Secretary of State of the Ministry of Interior"};
const std::vector<std::string> kVnTitles = {"Minister of Public Security", "Minister of National Defence",
                                            "Deputy Minister of Public Security", "Deputy Minister of National Defence"};
const std::vector<std::string> kKinds = {"security", "defence", "border management"};
const std::vector<std::string> kMonths = {"January", "February", "March", "April", "May", "June",
                                          "July", "August", "September", "October", "November", "December"};
const std::vector<std::string> kKhProvinces = {"Svay Rieng", "Prey Veng", "Takeo", "Kampot", "Kandal", "Kratie",
                                               "Mondulkiri", "Ratanakiri", "Tbong Khmum"};
const std::vector<std::string> kVnProvinces = {"Tay Ninh", "An Giang", "Dong Thap", "Kien Giang", "Long An",
                                               "Binh Phuoc", "Dak Nong", "Gia Lai", "Kon Tum"};
const std::vector<std::string> kGateSyllables = {"Phum", "Trapeang", "Prek", "Chrey", "Kaam", "Thmey", "Ou",
                                                 "Samnor", "Rieng", "Veal", "Kbal", "Doung"};
const std::vector<std::string> kVnGateSyllables = {"Xa", "Mat", "Tinh", "Bien", "Vinh", "Xuong", "Hoa", "Lu",
                                                   "Thuong", "Phuoc", "Binh", "Hiep"};
const std::vector<std::string> kSources = {"Example Wire", "Border Daily", "Mekong Times", "Regional Herald"};
const std::vector<std::string> kFiller = {
    "Officials from both sides reviewed the results of joint patrols and information exchanges over the past year.",
    "The two delegations discussed measures against drug trafficking, human trafficking and online fraud.",
    "Both sides agreed to strengthen training cooperation and exchanges of delegations at all levels.",
    "Provincial authorities reported a rise in cross-border trade through the main crossings in recent months.",
    "The meeting also touched on the search for and repatriation of wartime remains.",
    "Local residents on both sides of the border took part in a friendship exchange during the visit.",
    "The sides noted progress in border demarcation and the maintenance of border markers.",
};

template <typename T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

}  // namespace

accord::v1::Article ArticleGenerator::Generate(uint64_t index) const {
  std::mt19937_64 rng(seed_ * 1000003 + index);
  const int year = 2015 + static_cast<int>(rng() % 12);
  const int month = 1 + static_cast<int>(rng() % 12);
  const int day = 1 + static_cast<int>(rng() % 28);
  const std::string kh = absl::StrCat(Pick(rng, kKhmerFamily), " ", Pick(rng, kKhmerGiven));
  const std::string vn =
      absl::StrCat(Pick(rng, kVietSurnames), " ", Pick(rng, kVietMiddle), " ", Pick(rng, kVietGiven));
  const std::string kind = Pick(rng, kKinds);
  const std::string kh_gate = absl::StrCat(Pick(rng, kGateSyllables), " ", Pick(rng, kGateSyllables));
  const std::string vn_gate = absl::StrCat(Pick(rng, kVnGateSyllables), " ", Pick(rng, kVnGateSyllables));

  accord::v1::Article a;
  a.set_url(absl::StrCat("https://bench.example/", seed_, "/", index));
  a.set_source(Pick(rng, kSources));
  a.set_title(absl::StrCat("Cambodia, Vietnam sign ", year, " ", kind, " cooperation plan"));
  a.mutable_published_on()->set_year(year);
  a.mutable_published_on()->set_month(month);
  a.mutable_published_on()->set_day(day);
  std::vector<std::string> paragraphs;
  paragraphs.push_back(absl::StrCat(
      "Phnom Penh, ", kMonths[month - 1], " ", day, " - Cambodian ", Pick(rng, kKhTitles), " ", kh,
      " and Vietnamese ", Pick(rng, kVnTitles), " ", vn, " signed the ", year, " ", kind, " cooperation plan on ",
      kMonths[month - 1], " ", day, ", according to a press release."));
  paragraphs.push_back(absl::StrCat("The plan for ", year, " builds on the results of the ", year - 1,
                                    " cooperation plan, the two ministers said."));
  paragraphs.push_back(absl::StrCat("The two sides agreed to upgrade the ", vn_gate, " (", Pick(rng, kVnProvinces),
                                    ") - ", kh_gate, " (", Pick(rng, kKhProvinces),
                                    ") border gate to an international border checkpoint."));
  paragraphs.push_back(absl::StrCat("\"Cooperation between the two countries has never been more important,\" said ",
                                    Pick(rng, kVietSurnames), " ", Pick(rng, kVietGiven),
                                    ", a researcher at a regional institute."));
  std::string text = absl::StrJoin(paragraphs, "\n\n");
  while (text.size() < target_bytes_) {
    text += "\n\n";
    text += Pick(rng, kFiller);
  }
  a.set_text(text);
  return a;
}

}  // namespace accord::bench
