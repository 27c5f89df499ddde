#include "shared/text/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace accord::text {
namespace {

TEST(Utf8Test, AcceptsAsciiAndMultibyte) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Lương Tam Quang – “quoted” 😀"));
}

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8(std::string("ab\xFF" "cd")), 2u);
  EXPECT_EQ(FindInvalidUtf8(std::string("ab\xC3")), 2u);             // truncated
  EXPECT_EQ(FindInvalidUtf8(std::string("\xC0\xAF")), 0u);           // overlong '/'
  EXPECT_EQ(FindInvalidUtf8(std::string("x\xED\xA0\x80")), 1u);      // surrogate U+D800
  EXPECT_EQ(FindInvalidUtf8(std::string("\xF4\x90\x80\x80")), 0u);   // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8(std::string("\xE0\x80\xAF")), 0u);       // overlong 3-byte
}

TEST(Utf8Test, RepairReplacesEachInvalidByte) {
  EXPECT_EQ(RepairUtf8(std::string("a\xFF" "b")), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(RepairUtf8(std::string("\xC3")), "\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("Đà Nẵng"), "Đà Nẵng");
  EXPECT_TRUE(IsValidUtf8(RepairUtf8(std::string("\x80\x81\xFE\xC3\x28"))));
}

}  // namespace
}  // namespace accord::text
