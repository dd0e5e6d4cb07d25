package io.recq.test;

import java.util.List;
import java.util.Objects;

import io.recq.api.Command;

/**
 * The checks the results of several fixtures share, with their failure messages.
 */
final class Expectations {

    private Expectations() {
    }

    static void exception(String where, Throwable failure, Class<? extends Throwable> type, String fragment,
            String successDescription) {
        Objects.requireNonNull(type, "type");
        String wanted = type.getName() + (fragment == null ? "" : " with a message containing \"" + fragment + "\"");
        if (failure == null) {
            throw new AssertionError("Expected " + where + " to fail with " + wanted + ", but it succeeded with "
                    + successDescription);
        }
        if (!type.isInstance(failure)) {
            throw new AssertionError("Expected " + where + " to fail with " + wanted + ", but it failed with "
                    + Report.brief(failure), failure);
        }
        if (fragment != null && (failure.getMessage() == null || !failure.getMessage().contains(fragment))) {
            throw new AssertionError("Expected " + where + " to fail with " + wanted + ", but the message was: "
                    + failure.getMessage(), failure);
        }
    }

    static void success(String where, Throwable failure, String expectation) {
        if (failure != null) {
            throw new AssertionError("Expected " + expectation + (expectation.contains("\n") ? "\nbut " : ", but ")
                    + where + " failed with " + Report.brief(failure), failure);
        }
    }

    static void sameList(String where, String noun, List<?> expected, List<?> actual, Report report) {
        if (!expected.equals(actual)) {
            throw new AssertionError("Unexpected " + noun + "s from " + where + ".\nExpected "
                    + report.list(expected, noun) + "\nbut got " + report.list(actual, noun) + "\nDifferences:\n"
                    + report.differences(expected, actual, noun));
        }
    }

    static void commands(String where, List<? extends Command> expected, List<RecordedCommand> recorded,
            Report report) {
        sameList(where, "command", expected, recorded.stream().map(RecordedCommand::command).toList(), report);
    }
}
