package dev.stint.server.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.query.ShapeAssertions;
import org.junit.jupiter.api.Test;

class IamShapesTest {
  @Test
  void everyShapeAcceptsExactlyWhatItsRegexAccepts() throws IllegalAccessException {
    var shapes = ShapeAssertions.declaredIn(IamShapes.class);

    assertThat(shapes).hasSizeGreaterThan(20);
    shapes.forEach(ShapeAssertions::matchesAsItsRegex);
  }
}
