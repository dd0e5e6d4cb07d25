package io.recq.cdi.spi;

/**
 * What answering one query came to.
 *
 * @param answerJson the answer's JSON, or {@code null} on failure
 * @param failure the handler's own exception or a RECQ exception, or {@code null} on success
 */
public record QueryOutcome(String answerJson, Throwable failure) {

    /**
     * @return whether the query was answered
     */
    public boolean succeeded() {
        return failure == null;
    }
}
