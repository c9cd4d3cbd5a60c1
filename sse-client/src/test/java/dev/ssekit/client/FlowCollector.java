package dev.ssekit.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/**
 * A Flow subscriber that records what it gets, for tests to wait on; it requests nothing itself.
 */
final class FlowCollector<T> implements Flow.Subscriber<T> {
  final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
  final List<T> items = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> completed = new CompletableFuture<>();

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription.complete(s);
  }

  @Override
  public void onNext(T item) {
    items.add(item);
  }

  @Override
  public void onError(Throwable t) {
    completed.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    completed.complete(null);
  }
}
