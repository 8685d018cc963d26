package dev.stint.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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

  @Test
  void everyPredicateAgreesWithItsPatternOnEverySingleCharacterChange() {
    record Shape(Predicate<String> predicate, Pattern pattern, String sample) {}
    var shapes =
        List.of(
            new Shape(
                IdShapes::isTemporaryAccessKeyId,
                IdShapes.TEMPORARY_ACCESS_KEY_ID,
                "ASIAIOSFODNN7EXAMPLE"),
            new Shape(
                IdShapes::isLongTermAccessKeyId,
                IdShapes.LONG_TERM_ACCESS_KEY_ID,
                "AKIAIOSFODNN7EXAMPLE"),
            new Shape(
                IdShapes::isSecretAccessKey,
                IdShapes.SECRET_ACCESS_KEY,
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            new Shape(IdShapes::isRoleId, IdShapes.ROLE_ID, "AROA3XFRBF535PLBIFPI4"),
            new Shape(IdShapes::isUserId, IdShapes.USER_ID, "AIDAJQABLZS4A3QDU576Q"),
            new Shape(IdShapes::isSessionId, IdShapes.SESSION_ID, "Q2hhbmdl-_VQbGVhc2UxMg"),
            new Shape(IdShapes::isAccountId, IdShapes.ACCOUNT_ID, "123456789012"));

    int checked = 0;
    for (Shape shape : shapes) {
      String sample = shape.sample();
      assertThat(shape.predicate().test(sample)).as(sample).isTrue();
      assertThat(shape.predicate().test(sample + "A")).as(sample + "A").isFalse();
      assertThat(shape.predicate().test(sample.substring(1))).isFalse();
      for (int position = 0; position < sample.length(); position++) {
        for (char c = 0; c < 0x180; c++) {
          String changed = sample.substring(0, position) + c + sample.substring(position + 1);
          assertThat(shape.predicate().test(changed))
              .as("%s", changed)
              .isEqualTo(shape.pattern().matcher(changed).matches());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(0x180 * (20 + 20 + 40 + 21 + 21 + 22 + 12));
  }
}
