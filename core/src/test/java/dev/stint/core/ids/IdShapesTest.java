package dev.stint.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdShapesTest {

  @Test
  void accessKeyIdsAreAPrefixAndSixteenBase32Characters() {
    assertThat(IdShapes.isTemporaryAccessKeyId("ASIAIOSFODNN7EXAMPLE")).isTrue();
    assertThat(IdShapes.isLongTermAccessKeyId("AKIAIOSFODNN7EXAMPLE")).isTrue();
    assertThat(IdShapes.isAccessKeyId("ASIAIOSFODNN7EXAMPLE")).isTrue();
    assertThat(IdShapes.isAccessKeyId("AKIAIOSFODNN7EXAMPLE")).isTrue();

    assertThat(IdShapes.isTemporaryAccessKeyId("AKIAIOSFODNN7EXAMPLE")).isFalse();
    assertThat(IdShapes.isLongTermAccessKeyId("ASIAIOSFODNN7EXAMPLE")).isFalse();
    assertThat(IdShapes.isTemporaryAccessKeyId("ASIAIOSFODNN1EXAMPLE"))
        .as("1 is not base32")
        .isFalse();
    assertThat(IdShapes.isTemporaryAccessKeyId("ASIAIOSFODNN7EXAMPLe")).isFalse();
    assertThat(IdShapes.isTemporaryAccessKeyId("ASIAIOSFODNN7EXAMPL")).isFalse();
    assertThat(IdShapes.isTemporaryAccessKeyId("ASIAIOSFODNN7EXAMPLEE")).isFalse();
    assertThat(IdShapes.isAccessKeyId("AROAIOSFODNN7EXAMPLE")).isFalse();
    assertThat(IdShapes.isAccessKeyId(null)).isFalse();
  }

  @Test
  void secretKeysAreFortyBase64Characters() {
    assertThat(IdShapes.isSecretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isTrue();
    assertThat(IdShapes.isSecretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE")).isFalse();
    assertThat(IdShapes.isSecretAccessKey("wJalrXUtnFEMI-K7MDENG/bPxRfiCYEXAMPLEKEY")).isFalse();
    assertThat(IdShapes.isSecretAccessKey(null)).isFalse();
  }

  @Test
  void roleAndUserIdsAreAPrefixAndSeventeenUpperAlphanumerics() {
    assertThat(IdShapes.isRoleId("AROA3XFRBF535PLBIFPI4")).isTrue();
    assertThat(IdShapes.isUserId("AIDAJQABLZS4A3QDU576Q")).isTrue();
    assertThat(IdShapes.isRoleId("AIDAJQABLZS4A3QDU576Q")).isFalse();
    assertThat(IdShapes.isUserId("AROA3XFRBF535PLBIFPI4")).isFalse();
    assertThat(IdShapes.isRoleId("AROA3XFRBF535PLBIFPI")).isFalse();
    assertThat(IdShapes.isRoleId("AROA3xFRBF535PLBIFPI4")).isFalse();
  }

  @Test
  void sessionIdsAreTwentyTwoUrlSafeCharacters() {
    assertThat(IdShapes.isSessionId("Q2hhbmdlTWVQbGVhc2UxMg")).isTrue();
    assertThat(IdShapes.isSessionId("Q2hhbmdl-_VQbGVhc2UxMg")).isTrue();
    assertThat(IdShapes.isSessionId("Q2hhbmdl+/VQbGVhc2UxMg")).isFalse();
    assertThat(IdShapes.isSessionId("Q2hhbmdlTWVQbGVhc2UxM")).isFalse();
  }

  @Test
  void accountIdsAreTwelveDigitsNotStartingWithZero() {
    assertThat(IdShapes.isAccountId("123456789012")).isTrue();
    assertThat(IdShapes.isAccountId("023456789012")).isFalse();
    assertThat(IdShapes.isAccountId("12345678901")).isFalse();
    assertThat(IdShapes.isAccountId("1234567890123")).isFalse();
    assertThat(IdShapes.isAccountId("12345678901a")).isFalse();
    assertThat(IdShapes.isAccountId("١٢٣٤٥٦٧٨٩٠١٢")).as("other scripts' digits").isFalse();
  }
}
