package dev.stint.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

class CipherPoolTest {
  private final CipherPool pool = new CipherPool("AES/GCM/NoPadding", provider());

  private static java.security.Provider provider() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding").getProvider();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCipherGivenBackIsTakenAgain() throws GeneralSecurityException {
    Cipher first = pool.take();
    pool.give(first);

    assertThat(pool.take()).isSameAs(first);
  }

  @Test
  void anEmptyPoolMakesNewCiphersAndNoneIsHandedOutTwice() throws GeneralSecurityException {
    Set<Cipher> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < 3 * CipherPool.SLOTS; i++) {
      assertThat(taken.add(pool.take())).isTrue();
    }
    assertThat(taken.iterator().next().getAlgorithm()).isEqualTo("AES/GCM/NoPadding");
  }

  @Test
  void atMostSlotsIdleCiphersAreKept() throws GeneralSecurityException {
    var given = new ArrayList<Cipher>();
    for (int i = 0; i < CipherPool.SLOTS + 4; i++) {
      given.add(pool.take());
    }
    given.forEach(pool::give);

    Set<Cipher> again = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < CipherPool.SLOTS + 4; i++) {
      again.add(pool.take());
    }
    // The first SLOTS given back come out again; the last four were dropped, so four are new.
    assertThat(again).containsAll(given.subList(0, CipherPool.SLOTS));
    assertThat(again).doesNotContainAnyElementsOf(given.subList(CipherPool.SLOTS, given.size()));
  }
}
