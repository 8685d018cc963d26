package dev.stint.server.store;

import java.util.Optional;

/** Organizations' CreateAccount requests. Implementations are thread-safe. */
public interface OrganizationRepository {

  /**
   * @throws StoreException.EntityAlreadyExists if the request id is taken
   */
  void createRequest(CreateAccountRequest request);

  Optional<CreateAccountRequest> findRequest(String requestId);
}
