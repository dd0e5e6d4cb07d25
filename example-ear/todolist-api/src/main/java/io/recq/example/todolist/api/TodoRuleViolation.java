package io.recq.example.todolist.api;

/**
 * A command broke a rule of the todo list. Its message starts with the rule's name
 * ({@link TodoRules}), so that it survives the trip back to the caller, which rebuilds the exception
 * from its class and message.
 */
public class TodoRuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message {@code rule: explanation}
     */
    public TodoRuleViolation(String message) {
        super(message);
    }

    /**
     * @param rule the rule's name
     * @param explanation what happened
     * @return the violation
     */
    public static TodoRuleViolation of(String rule, String explanation) {
        return new TodoRuleViolation(rule + ": " + explanation);
    }

    /**
     * @return the name of the broken rule
     */
    public String rule() {
        String message = getMessage();
        int colon = message == null ? -1 : message.indexOf(':');
        return colon < 0 ? String.valueOf(message) : message.substring(0, colon);
    }
}
