#include "ingest_service/extraction/furniture.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace accord::extraction {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  for (const LineSpan& l : ContentLines(text)) out.push_back(text.substr(l.begin, l.end - l.begin));
  return out;
}

const std::string kStory =
    "The two ministries met in the capital on Monday to review a year of joint work on the border and to agree "
    "on the priorities of the coming year, including patrols, training and the exchange of information. "
    "Officials from both sides said the talks were frank and productive, and that a new plan would follow soon "
    "after the experts of both ministries finish their drafting work.";

TEST(FurnitureTest, CutsEverythingAfterAnEndMarker) {
  const auto lines = Lines("Headline of the story\n" + kStory + "\nSee more\nOther story about Minister X Y.\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], kStory);
}

TEST(FurnitureTest, MarkerBeforeTheStoryOnlyDropsItsLine) {
  const auto lines = Lines("Monday, March 3, 2025\nTop 5 This Week\nRelated Posts\nVietnam and Cambodia sign new security plan\n" + kStory +
                           "\nLEAVE A REPLY\nPlease enter your comment!\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "Monday, March 3, 2025");
  EXPECT_EQ(lines[1], "Vietnam and Cambodia sign new security plan");
}

TEST(FurnitureTest, DropsCaptionsWidgetsAndRepeatedLines) {
  const auto lines = Lines("Headline here\nHeadline here\nThe minister at the talks (Photo: Agency)\n" + kStory +
                           "\nPlease enter your name here\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "Headline here");
  EXPECT_EQ(lines[1], kStory);
}

TEST(FurnitureTest, RecognisesMarkersInAnyCase) {
  EXPECT_TRUE(IsEndMarker("popular articles"));
  EXPECT_TRUE(IsEndMarker("related news"));
  EXPECT_FALSE(IsEndMarker("the minister"));
}

}  // namespace
}  // namespace accord::extraction
