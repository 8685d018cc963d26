package dev.stint.server.ops;

import java.util.concurrent.atomic.AtomicReference;

/** Whether the server takes traffic: starting, ready, then draining at shutdown. Thread-safe. */
public final class Readiness {
  enum State {
    STARTING,
    READY,
    DRAINING
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

  public void ready() {
    state.compareAndSet(State.STARTING, State.READY);
  }

  public void draining() {
    state.set(State.DRAINING);
  }

  State state() {
    return state.get();
  }
}
