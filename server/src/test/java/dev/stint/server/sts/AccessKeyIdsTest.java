package dev.stint.server.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class AccessKeyIdsTest {
  private final AccessKeyIds ids = new AccessKeyIds(new SecureRandom());

  @Test
  void keyIdsHaveAwsShapeAndCarryTheirAccount() {
    for (String account : new String[] {"100000000000", "123456789012", "999999999999"}) {
      String temporary = ids.temporary(account);
      String longTerm = ids.longTerm(account);
      assertThat(temporary).matches("ASIA[A-Z2-7]{16}");
      assertThat(longTerm).matches("AKIA[A-Z2-7]{16}");
      assertThat(AccessKeyIds.accountOf(temporary)).contains(account);
      assertThat(AccessKeyIds.accountOf(longTerm)).contains(account);
    }
  }

  @Test
  void theTailIsFortyRandomBitsFromOneCallInBase32() {
    var calls = new ArrayList<Integer>();
    var random =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            calls.add(bytes.length);
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) (i + 1);
            }
          }
        };

    // RFC 4648 base32: 123456789012 as five bytes is DS7JSGQU, bytes 01..05 are AEBAGBAF.
    assertThat(new AccessKeyIds(random).temporary("123456789012"))
        .isEqualTo("ASIADS7JSGQUAEBAGBAF");
    assertThat(calls).containsExactly(5);
  }

  @Test
  void keyIdsOfOneAccountDiffer() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(ids.temporary("123456789012"))).isTrue();
    }
  }

  @Test
  void foreignShapesHaveNoAccount() {
    assertThat(AccessKeyIds.accountOf("AKIAAAAAAAAAAAAAAAAA")).isEmpty();
    assertThat(AccessKeyIds.accountOf("ASIA")).isEmpty();
    assertThat(AccessKeyIds.accountOf("ASIA0000000000000000")).isEmpty();
    assertThat(AccessKeyIds.accountOf(null)).isEmpty();
  }
}
