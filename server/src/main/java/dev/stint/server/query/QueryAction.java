package dev.stint.server.query;

/**
 * One action of a query-protocol service. Validates its parameters, authorizes, acts, and returns
 * what goes inside {@code <ActionResult>} (null for actions without a result element). Errors are
 * thrown as {@link ApiException}.
 */
@FunctionalInterface
public interface QueryAction {
  Xml.Body handle(QueryCall call);
}
