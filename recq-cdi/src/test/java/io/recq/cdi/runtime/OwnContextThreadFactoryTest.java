package io.recq.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import org.junit.jupiter.api.Test;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

class OwnContextThreadFactoryTest {

    /** The contexts the service made, one per proxy, and the order in which they were entered. */
    private final List<String> entered = new ArrayList<>();
    private int made;

    private final ContextService contexts = (ContextService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] { ContextService.class }, (proxy, method, args) -> {
                if (!method.getName().equals("contextualRunnable")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Runnable task = (Runnable) args[0];
                String context = "context-" + (++made);
                return (Runnable) () -> {
                    entered.add(context);
                    task.run();
                };
            });

    private final ManagedThreadFactory threads = new ManagedThreadFactory() {
        @Override
        public Thread newThread(Runnable runnable) {
            return new Thread(runnable);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void runsEachThreadInAContextMadeForIt() throws Exception {
        // given
        OwnContextThreadFactory testSubject = new OwnContextThreadFactory(threads, contexts);
        List<String> ran = new ArrayList<>();

        // when
        Thread first = testSubject.newThread(() -> ran.add("first"));
        Thread second = testSubject.newThread(() -> ran.add("second"));
        first.start();
        first.join();
        second.start();
        second.join();

        // then: two threads, two contexts, each entered once, around its own work
        assertThat(made).isEqualTo(2);
        assertThat(entered).containsExactly("context-1", "context-2");
        assertThat(ran).containsExactly("first", "second");
    }
}
