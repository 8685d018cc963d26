package dev.stint.server.iam;

import dev.stint.server.query.Shape;

/**
 * The string shapes of the IAM model (botocore {@code iam/2010-05-08/service-2.json}), with the
 * model's patterns verbatim: AWS quotes them in validation messages, and Java reads the same text
 * as the same regular expression.
 */
final class IamShapes {
  static final Shape USER_NAME = Shape.of(1, 64, "[\\w+=,.@-]+");
  static final Shape EXISTING_USER_NAME = Shape.of(1, 128, "[\\w+=,.@-]+");
  static final Shape ROLE_NAME = Shape.of(1, 64, "[\\w+=,.@-]+");
  static final Shape POLICY_NAME = Shape.of(1, 128, "[\\w+=,.@-]+");
  static final Shape PATH = Shape.of(1, 512, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
  static final Shape PATH_PREFIX = Shape.of(1, 512, "\\u002F[\\u0021-\\u007F]*");
  static final Shape POLICY_PATH = Shape.of(1, 512, "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  static final Shape MARKER = Shape.of(1, 320, "[\\u0020-\\u00FF]+");
  static final Shape ARN = Shape.of(20, 2048, null);
  static final Shape POLICY_DOCUMENT =
      Shape.of(1, 131_072, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  static final Shape ROLE_DESCRIPTION =
      Shape.of(0, 1000, "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
  static final Shape POLICY_DESCRIPTION = Shape.of(0, 1000, null);
  static final Shape STATUS = Shape.of(0, Integer.MAX_VALUE, null);
  static final Shape ACCESS_KEY_ID = Shape.of(16, 128, "[\\w]+");
  static final Shape TAG_KEY = Shape.of(1, 128, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  static final Shape TAG_VALUE = Shape.of(0, 256, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  static final Shape PASSWORD = Shape.of(1, 128, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  static final Shape SERIAL_NUMBER = Shape.of(9, 256, "[\\w+=/:,.@-]+");
  static final Shape AUTHENTICATION_CODE = Shape.of(6, 6, "[\\d]+");
  // The model gives the device name no maximum; the serial number's 256 characters bound it.
  static final Shape VIRTUAL_MFA_DEVICE_NAME = Shape.of(1, Integer.MAX_VALUE, "[\\w+=,.@-]+");
  static final Shape POLICY_VERSION_ID = Shape.of(0, 128, "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");

  static final int MAX_TAGS = 50;
  static final int DEFAULT_MAX_ITEMS = 100;
  static final int MAX_ITEMS = 1000;

  private IamShapes() {}
}
