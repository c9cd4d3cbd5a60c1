package dev.ssekit.client.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Drops a body nobody will read, closing it at once instead of draining it. */
final class DiscardingBody implements HttpResponse.BodySubscriber<Void> {
  @Override
  public void onSubscribe(Flow.Subscription s) {
    s.cancel();
  }

  @Override
  public void onNext(List<ByteBuffer> items) {}

  @Override
  public void onError(Throwable t) {}

  @Override
  public void onComplete() {}

  @Override
  public CompletionStage<Void> getBody() {
    return CompletableFuture.completedFuture(null);
  }
}
