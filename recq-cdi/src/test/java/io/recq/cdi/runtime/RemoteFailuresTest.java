package io.recq.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.recq.api.AggregateDeletedException;
import io.recq.api.RemoteHandlerException;

class RemoteFailuresTest {

    public static class PublicFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PublicFailure(String message) {
            super(message);
        }
    }

    public static class NoStringConstructor extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoStringConstructor() {
            super("fixed");
        }
    }

    public static class NotAThrowable {
        static boolean created;

        public NotAThrowable(String message) {
            created = true;
        }
    }

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void rebuildsTheSameClassWithTheSameMessage() {
        // when
        Throwable rebuilt = RemoteFailures.rebuild(PublicFailure.class.getName(), "boom", loader);

        // then
        assertThat(rebuilt).isExactlyInstanceOf(PublicFailure.class).hasMessage("boom");
    }

    @Test
    void describesTheRecqCodeOfAFailure() {
        // when
        RemoteFailures.Description description = RemoteFailures.describe(
                new AggregateDeletedException("RECQ-01007 the aggregate is deleted"));

        // then
        assertThat(description.className()).isEqualTo(AggregateDeletedException.class.getName());
        assertThat(description.code()).isEqualTo("RECQ-01007");
    }

    @Test
    void namesAnUnloadableClassInARemoteHandlerException() {
        // when
        Throwable rebuilt = RemoteFailures.rebuild("com.acme.Missing", "gone", loader);

        // then
        assertThat(rebuilt).isExactlyInstanceOf(RemoteHandlerException.class);
        assertThat(((RemoteHandlerException) rebuilt).remoteClassName()).isEqualTo("com.acme.Missing");
        assertThat(rebuilt.getMessage()).contains("gone");
    }

    @Test
    void neverInstantiatesAClassThatIsNotAThrowable() {
        // when
        Throwable rebuilt = RemoteFailures.rebuild(NotAThrowable.class.getName(), "x", loader);

        // then
        assertThat(rebuilt).isExactlyInstanceOf(RemoteHandlerException.class);
        assertThat(NotAThrowable.created).isFalse();
    }

    @Test
    void fallsBackWhenThereIsNoStringConstructor() {
        // when
        Throwable rebuilt = RemoteFailures.rebuild(NoStringConstructor.class.getName(), "x", loader);

        // then
        assertThat(rebuilt).isExactlyInstanceOf(RemoteHandlerException.class);
    }
}
