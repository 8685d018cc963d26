package dev.stint.server.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.query.ShapeAssertions;
import org.junit.jupiter.api.Test;

class IamShapesTest {
  @Test
  void everyShapeAcceptsExactlyWhatItsRegexAccepts() throws IllegalAccessException {
    assertThat(ShapeAssertions.checkedIn(IamShapes.class)).hasSize(21);
  }
}
