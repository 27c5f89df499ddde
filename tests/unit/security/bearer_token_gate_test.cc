// Token files and the bearer-token gate, without a server.
#include "shared/security/bearer_token_gate.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shared/security/token_file.h"
#include "tests/testing/temp_dir.h"

namespace accord::security {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(TokenFileTest, OneTokenPerLineSkippingBlanksAndComments) {
  auto tokens = ParseTokens("# rotated 2026-11\n  new-token-1  \n\nold-token-0\n");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_THAT(*tokens, ElementsAre("new-token-1", "old-token-0"));
}

TEST(TokenFileTest, RefusesAFileWithoutTokensOrWithUnsendableCharacters) {
  EXPECT_FALSE(ParseTokens("# nothing here\n\n").ok());
  auto spaced = ParseTokens("two words\n");
  ASSERT_FALSE(spaced.ok());
  EXPECT_THAT(std::string(spaced.status().message()), HasSubstr("line 1"));
  EXPECT_THAT(std::string(spaced.status().message()), Not(HasSubstr("two words")));  // never echo a token
  EXPECT_FALSE(ParseTokens("caf\xc3\xa9\n").ok());
}

TEST(TokenFileTest, ReadsTheFileAndNamesItInErrors) {
  testing::TempDir dir;
  const std::string path = dir.Sub("tokens");
  std::ofstream(path) << "secret-a\nsecret-b\n";
  auto tokens = ReadTokenFile(path);
  ASSERT_TRUE(tokens.ok());
  EXPECT_THAT(*tokens, ElementsAre("secret-a", "secret-b"));
  auto client = ReadClientToken(path);
  ASSERT_TRUE(client.ok());
  EXPECT_EQ(*client, "secret-a");
  auto missing = ReadTokenFile(dir.Sub("absent"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr(dir.Sub("absent")));
}

TEST(ConstantTimeEqualsTest, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("abcd", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

class GateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Sub("tokens")) << "tok-new\ntok-old\n";
    auto gate = BearerTokenGate::FromFile("writes", dir_.Sub("tokens"));
    ASSERT_TRUE(gate.ok()) << gate.status();
    gate_ = std::move(*gate);
  }
  testing::TempDir dir_;
  std::unique_ptr<BearerTokenGate> gate_;
};

TEST_F(GateTest, AcceptsEveryListedTokenWithAnyCaseOfTheScheme) {
  EXPECT_TRUE(gate_->Check("Bearer tok-new", true).ok());
  EXPECT_TRUE(gate_->Check("bearer tok-old", true).ok());
  EXPECT_TRUE(gate_->Check("BEARER  tok-new ", true).ok());
}

TEST_F(GateTest, NoCredentialsIsUnauthenticatedAndAWrongTokenIsPermissionDenied) {
  const grpc::Status none = gate_->Check("", false);
  EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(none.error_message(), HasSubstr("authorization"));
  EXPECT_EQ(gate_->Check("Basic dG9rLW5ldw==", true).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(gate_->Check("Bearer ", true).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  const grpc::Status wrong = gate_->Check("Bearer tok-newer", true);
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(wrong.error_message(), HasSubstr("writes"));
  EXPECT_THAT(wrong.error_message(), Not(HasSubstr("tok-")));
  EXPECT_EQ(gate_->Check("Bearer tok-ne", true).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST(OpenGateTest, LetsEverythingThrough) {
  auto gate = BearerTokenGate::FromFile("writes", "");
  ASSERT_TRUE(gate.ok());
  EXPECT_TRUE((*gate)->open());
  EXPECT_TRUE((*gate)->Check("", false).ok());
}

}  // namespace
}  // namespace accord::security
