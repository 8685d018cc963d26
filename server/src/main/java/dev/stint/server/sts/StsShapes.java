package dev.stint.server.sts;

import dev.stint.server.query.Shape;

/** The string shapes of the STS model (botocore {@code sts/2011-06-15/service-2.json}). */
final class StsShapes {
  // AWS quotes the model's pattern verbatim in messages; Java reads the same text as a regex
  // that accepts every character the model allows in an ARN.
  static final Shape ARN =
      Shape.of(
          20,
          2048,
          "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+");
  static final Shape ROLE_SESSION_NAME = Shape.of(2, 64, "[\\w+=,.@-]*");
  static final Shape EXTERNAL_ID = Shape.of(2, 1224, "[\\w+=,.@:\\/-]*");
  static final Shape SERIAL_NUMBER = Shape.of(9, 256, "[\\w+=/:,.@-]*");
  static final Shape TOKEN_CODE = Shape.of(6, 6, "[\\d]*");
  static final Shape SOURCE_IDENTITY = Shape.of(2, 64, "[\\w+=,.@-]*");
  static final Shape TAG_KEY = Shape.of(1, 128, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  static final Shape TAG_VALUE = Shape.of(0, 256, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  static final Shape FEDERATED_NAME = Shape.of(2, 32, "[\\w+=,.@-]*");
  static final Shape ACCESS_KEY_ID = Shape.of(16, 128, "[\\w]*");
  static final Shape SESSION_POLICY = Shape.of(1, 2048, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  static final int MAX_TAGS = 50;
  static final int MAX_POLICY_ARNS = 10;

  private StsShapes() {}
}
