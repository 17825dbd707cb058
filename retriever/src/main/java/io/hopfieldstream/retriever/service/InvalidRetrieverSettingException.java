package io.hopfieldstream.retriever.service;

/**
 * A retriever setting outside its allowed range. The message names the setting as the command
 * line spells it, the rejected value and the allowed values, so a launcher can print it as is.
 */
public final class InvalidRetrieverSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * Creates the exception.
     *
     * @param setting the setting's name as the command line spells it, for example "batch-size"
     * @param value the rejected value
     * @param allowed the allowed values, for example "an integer from 1 to 65536"
     */
    public InvalidRetrieverSettingException(String setting, Object value, String allowed) {
        super("Invalid " + setting + " '" + value + "': expected " + allowed + ".");
        this.setting = setting;
    }

    /** Returns the name of the rejected setting. */
    public String setting() {
        return setting;
    }
}
