package dev.stint.server.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.query.Shape;
import dev.stint.server.query.ShapeAssertions;
import org.junit.jupiter.api.Test;

class StsShapesTest {
  @Test
  void everyShapeAcceptsExactlyWhatItsRegexAccepts() throws IllegalAccessException {
    assertThat(ShapeAssertions.checkedIn(StsShapes.class)).hasSize(11);
  }

  @Test
  void everyShapeOfTheStsModelIsMatchedWithoutARegexEngine() throws IllegalAccessException {
    for (Shape shape : ShapeAssertions.declaredIn(StsShapes.class)) {
      assertThat(ShapeAssertions.readAsCharClass(shape)).as(shape.toString()).isTrue();
    }
  }
}
