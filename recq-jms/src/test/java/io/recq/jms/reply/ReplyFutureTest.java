package io.recq.jms.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A reply is completed on the thread that has it (the receiver, a lane, the deadline timer) only when nothing
 * but blocked callers depends on it; code of the caller's runs elsewhere.
 */
class ReplyFutureTest {

    @Test
    void hasNoStagesWhenCallersOnlyWait() throws Exception {
        ReplyChannel.ReplyFuture future = new ReplyChannel.ReplyFuture();
        CountDownLatch waiting = new CountDownLatch(2);
        Thread getter = new Thread(() -> {
            waiting.countDown();
            try {
                future.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the test completes it
            }
        });
        Thread joiner = new Thread(() -> {
            waiting.countDown();
            future.join();
        });
        getter.start();
        joiner.start();
        waiting.await();
        while (future.getNumberOfDependents() < 2) {
            Thread.onSpinWait();
        }

        assertThat(future.hasStages()).isFalse();
        future.complete("done");
        getter.join(5_000);
        joiner.join(5_000);
        assertThat(getter.isAlive() || joiner.isAlive()).isFalse();
    }

    @Test
    void hasStagesOnceTheCallerChainsCode() {
        ReplyChannel.ReplyFuture applied = new ReplyChannel.ReplyFuture();
        applied.thenApply(String::valueOf);
        ReplyChannel.ReplyFuture recovered = new ReplyChannel.ReplyFuture();
        recovered.exceptionally(failure -> null);
        ReplyChannel.ReplyFuture watched = new ReplyChannel.ReplyFuture();
        watched.whenComplete((value, failure) -> {
        });

        assertThat(applied.hasStages()).isTrue();
        assertThat(recovered.hasStages()).isTrue();
        assertThat(watched.hasStages()).isTrue();
    }

    @Test
    void hasStagesWhenCombinedWithOthers() {
        ReplyChannel.ReplyFuture future = new ReplyChannel.ReplyFuture();
        CompletableFuture.allOf(future, new CompletableFuture<>()).thenRun(() -> {
        });

        assertThat(future.hasStages()).isTrue();
    }

    @Test
    void hasNoStagesWhenNothingDependsOnIt() {
        assertThat(new ReplyChannel.ReplyFuture().hasStages()).isFalse();
    }
}
