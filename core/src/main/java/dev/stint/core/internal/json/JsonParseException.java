package dev.stint.core.internal.json;

/**
 * Text given to {@link Json} is not the JSON it was asked for. Carries where parsing stopped and
 * what it expected there; never any of the input's text, since JSON read by stint often holds a
 * secret key or a token. Line and column are counted as Python's {@code json} module counts them:
 * lines end at {@code \n}, columns count characters from 1.
 */
public final class JsonParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String expected;
  private final boolean atEnd;

  JsonParseException(int line, int column, String expected, boolean atEnd) {
    super(
        "JSON line "
            + line
            + ", column "
            + column
            + ": expected "
            + expected
            + (atEnd ? ", found end of input" : ""));
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.atEnd = atEnd;
  }

  /** One-based line where parsing stopped. */
  public int line() {
    return line;
  }

  /** One-based column, in characters, where parsing stopped. */
  public int column() {
    return column;
  }

  /** What the grammar needed at that point, for example {@code ',' or '}'}. */
  public String expected() {
    return expected;
  }

  /** True when the input ended too early. */
  public boolean atEndOfInput() {
    return atEnd;
  }
}
